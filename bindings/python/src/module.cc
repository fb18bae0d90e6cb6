#include "common.h"
#include "kwartier/core/version.h"

PYBIND11_MODULE(_kwartier, m) {
  m.doc() = "kwartier: multilingual procedure search and 15-minute-city routing (compiled core)";
  m.attr("__version__") = std::string(kwartier::version_string());
  kwartier::py::bind_errors(m);
  kwartier::py::bind_gtfs(m);
  kwartier::py::bind_network(m);
  kwartier::py::bind_search(m);
  kwartier::py::bind_realtime(m);
  kwartier::py::bind_bikeshare(m);
  kwartier::py::bind_routing(m);
  kwartier::py::bind_matrix(m);
  kwartier::py::bind_access(m);
}
