#include "kwartier/search/options.h"

#include <algorithm>

#include "kwartier/text/text.h"

namespace kwartier::search {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::string known_languages() {
  std::string out;
  for (std::size_t i = 1; i < text::kNumLangs; ++i) {
    if (!out.empty()) out += ", ";
    out += text::lang_code(static_cast<text::lang>(i));
  }
  return out;
}

error unknown_language(std::string_view code) {
  return error{errc::invalid_argument,
               "unknown language '" + std::string(code) + "' (known: " + known_languages() + ")", {}, 0, "langs"};
}

}  // namespace

result<std::vector<std::string>> parse_langs(std::string_view list) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i <= list.size()) {
    auto j = list.find(',', i);
    if (j == std::string_view::npos) j = list.size();
    auto item = list.substr(i, j - i);
    if (auto const q = item.find(';'); q != std::string_view::npos) item = item.substr(0, q);
    item = trim(item);
    i = j + 1;
    if (item.empty()) continue;
    auto const l = text::parse_lang(item);
    if (l == text::lang::neutral) return tl::unexpected(unknown_language(item));
    auto code = std::string(text::lang_code(l));
    if (std::find(out.begin(), out.end(), code) == out.end()) out.push_back(std::move(code));
  }
  return out;
}

status check_langs(std::span<std::string const> langs) {
  for (auto const& l : langs)
    if (text::parse_lang(trim(l)) == text::lang::neutral) return tl::unexpected(unknown_language(l));
  return {};
}

result<std::vector<std::pair<std::string, std::string>>> parse_filters(std::string_view list) {
  std::vector<std::pair<std::string, std::string>> out;
  std::size_t i = 0;
  while (i <= list.size()) {
    auto j = list.find(';', i);
    if (j == std::string_view::npos) j = list.size();
    auto const item = trim(list.substr(i, j - i));
    i = j + 1;
    if (item.empty()) continue;
    auto const eq = item.find('=');
    auto const field = eq == std::string_view::npos ? std::string_view{} : trim(item.substr(0, eq));
    auto const value = eq == std::string_view::npos ? std::string_view{} : trim(item.substr(eq + 1));
    if (field.empty() || value.empty())
      return make_error(errc::invalid_argument, "filter '" + std::string(item) + "' is not field=value", {}, 0,
                        "filters");
    out.emplace_back(std::string(field), std::string(value));
  }
  return out;
}

}  // namespace kwartier::search
