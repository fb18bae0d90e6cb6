// errc -> Python exception classes. The classes themselves are defined in Python (kwartier/errors.py) so
// they can be documented and subclassed; this file looks them up and raises them.
#include <string>

#include "common.h"

namespace kwartier::py {

void bind_errors(pyb::module_& m) {
  pyb::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (error_exception const& e) {
      auto errors = pyb::module_::import("kwartier.errors");
      auto cls = errors.attr("error_class")(static_cast<int>(e.err.code));
      auto exc = cls(e.err.to_string());
      exc.attr("code") = std::string(errc_name(e.err.code));
      exc.attr("file") = e.err.file;
      exc.attr("line") = e.err.line;
      exc.attr("field") = e.err.field;
      exc.attr("detail") = e.err.message;
      PyErr_SetObject(cls.ptr(), exc.ptr());
    }
  });
  m.def("_raise_for_test", [](int code, std::string const& msg, std::string const& file, std::uint32_t line,
                              std::string const& field) {
    throw error_exception{error{static_cast<errc>(code), msg, file, line, field}};
  }, "Raises the kwartier error for `code` (tests the translation).");
}

}  // namespace kwartier::py
