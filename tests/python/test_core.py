import pytest

import kwartier


def test_version_is_runtime_string():
    assert kwartier.__version__ == "0.1.0"


@pytest.mark.parametrize(
    "code,cls",
    [
        (1, kwartier.InvalidArgumentError),
        (3, kwartier.NotFoundError),
        (4, kwartier.InvalidFormatError),
        (5, kwartier.CorruptDatasetError),
        (6, kwartier.IncompatibleDatasetError),
    ],
)
def test_errors_map_to_subclasses_with_location(code, cls):
    with pytest.raises(cls) as info:
        kwartier._kwartier._raise_for_test(code, "bad thing", "feed/stops.txt", 12, "stop_lat")
    e = info.value
    assert isinstance(e, kwartier.Error)
    assert e.file == "feed/stops.txt"
    assert e.line == 12
    assert e.field == "stop_lat"
    assert e.detail == "bad thing"
    assert "feed/stops.txt:12" in str(e)
