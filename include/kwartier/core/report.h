// Validation report: row-level problems a parser kept going past. Nothing lives only in a log.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kwartier {

enum class severity : std::uint8_t { info = 0, warning = 1, error = 2 };

std::string_view severity_name(severity s) noexcept;

struct problem {
  kwartier::severity severity = severity::warning;
  std::string code;     // stable snake_case name, e.g. "dangling_stop_id", "duplicate_id"
  std::string file;     // e.g. "rnv/stop_times.txt"
  std::uint32_t line = 0;
  std::string field;    // column name
  std::string message;  // human sentence
};

class validation_report {
 public:
  void add(kwartier::severity s, std::string code, std::string file, std::uint32_t line, std::string field,
           std::string message);
  void add(problem p);
  void merge(validation_report const& other);

  std::vector<problem> const& problems() const { return problems_; }
  std::size_t count(kwartier::severity s) const;
  std::size_t count(std::string_view code) const;
  bool has_errors() const { return count(severity::error) != 0; }
  kwartier::severity worst() const;  // info when empty
  bool empty() const { return problems_.empty(); }

  // Keep at most `n` stored problems per code (counts stay exact); protects against a million dangling refs.
  void set_limit_per_code(std::size_t n) { limit_per_code_ = n; }
  std::size_t suppressed() const { return suppressed_; }

  std::string to_text() const;
  std::string to_json() const;

 private:
  std::vector<problem> problems_;
  struct code_count {
    std::string code;
    std::size_t total = 0;
    std::size_t stored = 0;
  };
  code_count& entry(std::string const& code);
  std::vector<code_count> per_code_;
  std::size_t limit_per_code_ = 1000;
  std::size_t suppressed_ = 0;
  std::size_t per_severity_[3] = {0, 0, 0};
};

// JSON string escaping used by every JSON writer in the project.
void append_json_string(std::string& out, std::string_view s);

}  // namespace kwartier
