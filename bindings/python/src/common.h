// Shared helpers for the pybind11 module: error translation and result unwrapping. No logic lives here.
#pragma once

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <memory>
#include <utility>
#include <vector>

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

void bind_errors(pyb::module_& m);
void bind_gtfs(pyb::module_& m);
void bind_network(pyb::module_& m);
void bind_search(pyb::module_& m);

}  // namespace kwartier::py
