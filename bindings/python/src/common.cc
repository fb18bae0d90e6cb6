#include "common.h"

namespace kwartier::py {

pyb::object to_python(edges::json const& j) {
  switch (j.type()) {
    case edges::json::value_t::null: return pyb::none();
    case edges::json::value_t::boolean: return pyb::bool_(j.get<bool>());
    case edges::json::value_t::number_integer: return pyb::int_(j.get<std::int64_t>());
    case edges::json::value_t::number_unsigned: return pyb::int_(j.get<std::uint64_t>());
    case edges::json::value_t::number_float: return pyb::float_(j.get<double>());
    case edges::json::value_t::string: {
      auto const& s = j.get_ref<std::string const&>();
      PyObject* o = PyUnicode_DecodeUTF8(s.data(), static_cast<Py_ssize_t>(s.size()), "replace");
      if (o == nullptr) throw pyb::error_already_set();
      return pyb::reinterpret_steal<pyb::object>(o);
    }
    case edges::json::value_t::array: {
      pyb::list l;
      for (auto const& v : j) l.append(to_python(v));
      return std::move(l);
    }
    case edges::json::value_t::object: {
      pyb::dict d;
      for (auto const& [k, v] : j.items()) d[pyb::str(k)] = to_python(v);
      return std::move(d);
    }
    default: return pyb::none();  // binary, discarded: never produced by kwartier::edges
  }
}

std::function<void(std::string_view, double)> progress_callback::get() {
  if (fn_.is_none()) return {};
  return [this](std::string_view stage, double fraction) {
    pyb::gil_scoped_acquire gil;
    if (failed_) return;
    try {
      fn_(pyb::str(std::string(stage)), fraction);
    } catch (pyb::error_already_set& e) {
      failed_ = std::make_unique<pyb::error_already_set>(std::move(e));
    }
  };
}

void progress_callback::rethrow() {
  if (failed_) {
    auto e = std::move(*failed_);
    failed_.reset();
    throw e;
  }
}

}  // namespace kwartier::py
