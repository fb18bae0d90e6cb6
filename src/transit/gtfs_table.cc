// The typed table reader of the GTFS loader (gtfs_loader.h).
#include <algorithm>

#include "transit/gtfs_loader.h"

namespace kwartier::transit::gtfs {

table::table(loader& L, std::string file, io::csv_reader csv, std::span<column const> cols)
    : L_{L}, file_{std::move(file)}, csv_{std::move(csv)}, cols_{cols}, index_(cols.size(), -1) {
  for (std::size_t c = 0; c < cols.size(); ++c) index_[c] = csv_.column(cols[c].name);
  for (std::size_t c = 0; c < cols.size(); ++c) {
    if (cols[c].need_ == need::together && (c == 0 || cols[c - 1].need_ != need::together)) {
      auto e = c;
      while (e < cols.size() && cols[e].need_ == need::together) ++e;
      for (auto k = c; k < e; ++k)
        if (index_[k] < 0) {
          L_.rep.add(severity::error, "missing_required_column", file_, 1, std::string{cols[k].name},
                     "required column is missing; file skipped");
          usable_ = false;
          break;
        }
    }
    if (index_[c] >= 0) continue;
    if (cols[c].need_ == need::required) {
      L_.rep.add(severity::error, "missing_required_column", file_, 1, std::string{cols[c].name},
                 "required column " + std::string{cols[c].name} + " is missing; file skipped");
      usable_ = false;
    } else if (cols[c].need_ == need::expected) {
      L_.rep.add(severity::error, "missing_required_column", file_, 1, std::string{cols[c].name},
                 "required column " + std::string{cols[c].name} + " is missing");
    }
  }
}

bool table::next(bool check_shape) {
  for (;;) {
    if (!csv_.next()) {
      if (csv_.issue() != io::csv_issue::none) {
        auto const& e = csv_.failure();
        L_.rep.add(severity::error, std::string{io::csv_issue_code(csv_.issue())}, file_, e.line, {},
                   e.message + "; the rest of the file is skipped");
      }
      return false;
    }
    if (!check_shape) return true;
    if (csv_.unterminated_quote()) {
      problem(severity::error, "unterminated_quote", {}, "quoted field not closed before the end of the file; row skipped");
      continue;
    }
    auto const n = csv_.header().size();
    if (csv_.n_fields() < n)
      problem(severity::warning, "missing_row_cells", {},
              "row has " + std::to_string(csv_.n_fields()) + " fields, header has " + std::to_string(n) +
                  "; missing fields read as empty");
    else if (csv_.n_fields() > n)
      problem(severity::warning, "extra_row_cells", {},
              "row has " + std::to_string(csv_.n_fields()) + " fields, header has " + std::to_string(n) +
                  "; extra fields ignored");
    return true;
  }
}

void table::finish() {
  auto const& h = csv_.header();
  for (std::size_t i = 0; i < h.size(); ++i)
    if (std::find(index_.begin(), index_.end(), static_cast<int>(i)) == index_.end())
      L_.rep.add(severity::info, "unknown_column", file_, 1, h[i], "column not used by kwartier; ignored");
}

void table::problem(severity s, std::string code, std::string_view field, std::string msg) {
  L_.rep.add(s, std::move(code), file_, csv_.line(), std::string{field}, std::move(msg));
}

void table::problem_at(severity s, std::string code, std::uint32_t line, std::string_view field, std::string msg) {
  L_.rep.add(s, std::move(code), file_, line, std::string{field}, std::move(msg));
}

std::optional<std::string_view> table::id(std::size_t c, id_map const& ids) {
  auto const v = text(c);
  auto const n = name(c);
  if (v.empty()) {
    problem(severity::error, "missing_required_field", n, std::string{n} + " is empty; row skipped");
    return std::nullopt;
  }
  if (ids.contains(v)) {
    problem(severity::error, "duplicate_id", n, "duplicate " + std::string{n} + " '" + std::string{v} + "'; row skipped");
    return std::nullopt;
  }
  return v;
}

std::uint32_t table::ref(std::size_t c, id_map const& ids, std::string_view code, std::string_view where,
                         std::string_view then) {
  auto const v = text(c);
  auto const ix = find(ids, v);
  if (ix == kNone)
    problem(severity::error, std::string{code}, name(c),
            std::string{name(c)} + " '" + std::string{v} + "' is not in " + std::string{where} + "; " + std::string{then});
  return ix;
}

accessibility table::accessibility_code(std::size_t c) {
  auto const v = text(c);
  if (v.empty() || v == "0") return accessibility::unknown;
  if (v == "1") return accessibility::yes;
  if (v == "2") return accessibility::no;
  problem(severity::warning, "invalid_value", name(c),
          std::string{name(c)} + " '" + std::string{v} + "' is not 0, 1 or 2; read as 0");
  return accessibility::unknown;
}

std::string loader::ns(std::string_view id) const {
  if (prefix.empty()) return std::string{id};
  std::string r;
  r.reserve(prefix.size() + 1 + id.size());
  r += prefix;
  r += ':';
  r += id;
  return r;
}

std::optional<table> loader::open_table(std::string_view name, bool required, std::span<column const> cols,
                                        bool* opened) {
  return open_table(name, required, column_chooser{[cols](io::csv_reader const&) { return cols; }}, opened);
}

std::optional<table> loader::open_table(std::string_view name, bool required, column_chooser const& choose,
                                        bool* opened) {
  if (!src->has(name)) {
    if (required)
      feed_problem(severity::error, "missing_required_file", name, 0, {}, "required file " + std::string{name} + " is missing");
    return std::nullopt;
  }
  auto in = src->stream(name);
  if (!in) {
    feed_problem(severity::error, "unreadable_file", name, 0, {}, in.error().message);
    return std::nullopt;
  }
  auto csv = io::csv_reader::open(std::move(*in), display(name));
  if (csv.issue() != io::csv_issue::none) {
    auto const& e = csv.failure();
    feed_problem(severity::error, std::string{io::csv_issue_code(csv.issue())}, name, e.line, {},
                 e.message + "; file skipped");
    return std::nullopt;
  }
  if (opened != nullptr) *opened = true;
  auto const cols = choose(csv);
  table t{*this, display(name), std::move(csv), cols};
  if (!t.usable()) return std::nullopt;
  return t;
}

}  // namespace kwartier::transit::gtfs
