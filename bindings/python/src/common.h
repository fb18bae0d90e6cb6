// Shared helpers for the pybind11 module: error translation and result unwrapping. No logic lives here.
#pragma once

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "edges/json.h"
#include "kwartier/core/dataset.h"
#include "kwartier/core/result.h"

namespace kwartier::py {

namespace pyb = pybind11;

// Thrown inside bindings; translated to the kwartier.Error subclass for its errc.
struct error_exception {
  kwartier::error err;
};

template <class T>
T unwrap(result<T>&& r) {
  if (!r) throw error_exception{std::move(r).error()};
  if constexpr (!std::is_void_v<T>) return std::move(*r);
}
inline void unwrap(status&& r) {
  if (!r) throw error_exception{std::move(r).error()};
}

// Moves a vector into a numpy array without copying; the array owns it through a capsule.
template <class T>
pyb::array_t<T> to_numpy(std::vector<T>&& v) {
  auto* heap = new std::vector<T>(std::move(v));
  pyb::capsule owner(heap, [](void* p) { delete static_cast<std::vector<T>*>(p); });
  return pyb::array_t<T>({heap->size()}, {sizeof(T)}, heap->data(), owner);
}

// A JSON value of kwartier::edges (the shape the CLI prints) as Python objects: dict, list, str, int, float,
// bool, None. Strings with invalid UTF-8 are decoded with replacement characters.
pyb::object to_python(edges::json const& j);

// Raises the kwartier error for `code` naming `field` (the argument), e.g. out_of_range for a stop index.
[[noreturn]] inline void raise(errc code, std::string message, std::string field) {
  throw error_exception{error{code, std::move(message), {}, 0, std::move(field)}};
}

// A Python progress callable `(stage: str, fraction: float) -> None` as the C++ progress callback of a build
// that runs with the GIL released: each call takes the GIL; an exception raised by the callable stops further
// calls and is raised again by rethrow() after the build. Create and destroy it with the GIL held.
class progress_callback {
 public:
  explicit progress_callback(pyb::object fn) : fn_{std::move(fn)} {}
  std::function<void(std::string_view, double)> get();
  void rethrow();

 private:
  pyb::object fn_;
  std::unique_ptr<pyb::error_already_set> failed_;
};

}  // namespace kwartier::py
namespace kwartier::transit {
template <ownership O>
struct timetable_t;
}
namespace kwartier::py {
// A _Timetable viewing `tt` (a mapping kept alive by the view); `path` is the file it came from.
pyb::object make_timetable(transit::timetable_t<ownership::view> const& tt, std::string path);

void bind_errors(pyb::module_& m);
void bind_gtfs(pyb::module_& m);
void bind_network(pyb::module_& m);
void bind_search(pyb::module_& m);
void bind_routing(pyb::module_& m);
void bind_realtime(pyb::module_& m);  // realtime.cc (the maas helper)
void bind_access(pyb::module_& m);  // access.cc (the access helper)
void bind_matrix(pyb::module_& m);  // matrix.cc
void bind_bikeshare(pyb::module_& m);  // bikeshare.cc

}  // namespace kwartier::py
