#include "kwartier/core/report.h"

#include <algorithm>
#include <cstdio>

namespace kwartier {

std::string_view severity_name(severity s) noexcept {
  switch (s) {
    case severity::info: return "info";
    case severity::warning: return "warning";
    case severity::error: return "error";
  }
  return "unknown";
}

void validation_report::add(kwartier::severity s, std::string code, std::string file, std::uint32_t line,
                            std::string field, std::string message) {
  add(problem{s, std::move(code), std::move(file), line, std::move(field), std::move(message)});
}

validation_report::code_count& validation_report::entry(std::string const& code) {
  auto it = std::find_if(per_code_.begin(), per_code_.end(), [&](auto const& c) { return c.code == code; });
  if (it != per_code_.end()) return *it;
  per_code_.push_back(code_count{code, 0, 0});
  return per_code_.back();
}

void validation_report::add(problem p) {
  auto& e = entry(p.code);
  ++e.total;
  ++per_severity_[static_cast<int>(p.severity)];
  if (e.stored >= limit_per_code_) {
    ++suppressed_;
    return;
  }
  ++e.stored;
  problems_.push_back(std::move(p));
}

void validation_report::merge(validation_report const& other) {
  for (int i = 0; i < 3; ++i) per_severity_[i] += other.per_severity_[i];
  for (auto const& c : other.per_code_) entry(c.code).total += c.total;
  suppressed_ += other.suppressed_;
  for (auto const& p : other.problems_) {
    auto& e = entry(p.code);
    if (e.stored >= limit_per_code_) {
      ++suppressed_;
      continue;
    }
    ++e.stored;
    problems_.push_back(p);
  }
}

std::size_t validation_report::count(kwartier::severity s) const { return per_severity_[static_cast<int>(s)]; }

std::size_t validation_report::count(std::string_view code) const {
  for (auto const& c : per_code_)
    if (c.code == code) return c.total;
  return 0;
}

severity validation_report::worst() const {
  if (count(severity::error) != 0) return severity::error;
  if (count(severity::warning) != 0) return severity::warning;
  return severity::info;
}

std::string validation_report::to_text() const {
  std::string out;
  for (auto const& p : problems_) {
    out += severity_name(p.severity);
    out += ' ';
    out += p.code;
    out += ' ';
    out += p.file.empty() ? "-" : p.file;
    if (p.line != 0) out += ":" + std::to_string(p.line);
    if (!p.field.empty()) out += " [" + p.field + "]";
    out += ": ";
    out += p.message;
    out += '\n';
  }
  if (suppressed_ != 0) out += "(" + std::to_string(suppressed_) + " more problems not listed)\n";
  return out;
}

void append_json_string(std::string& out, std::string_view s) {
  out += '"';
  for (char c : s) {
    auto const u = static_cast<unsigned char>(c);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (u < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", u);
          out += buf;
        } else {
          out += c;
        }
    }
  }
  out += '"';
}

std::string validation_report::to_json() const {
  std::string out = "{\"errors\":" + std::to_string(count(severity::error)) +
                    ",\"warnings\":" + std::to_string(count(severity::warning)) +
                    ",\"infos\":" + std::to_string(count(severity::info)) +
                    ",\"suppressed\":" + std::to_string(suppressed_) + ",\"problems\":[";
  bool first = true;
  for (auto const& p : problems_) {
    if (!first) out += ',';
    first = false;
    out += "{\"severity\":";
    append_json_string(out, severity_name(p.severity));
    out += ",\"code\":";
    append_json_string(out, p.code);
    out += ",\"file\":";
    append_json_string(out, p.file);
    out += ",\"line\":" + std::to_string(p.line) + ",\"field\":";
    append_json_string(out, p.field);
    out += ",\"message\":";
    append_json_string(out, p.message);
    out += '}';
  }
  out += "]}";
  return out;
}

}  // namespace kwartier
