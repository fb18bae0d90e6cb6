#include "kwartier/core/report.h"
#include "kwartier/search/search.h"

#include <cstdio>
#include <unordered_set>

namespace kwartier::search {

std::string to_json(results const& r) {
  std::string o = "{\"query_lang\":";
  append_json_string(o, r.query_lang);
  o += ",\"n_matches\":" + std::to_string(r.n_matches) + ",\"hits\":[";
  for (std::size_t i = 0; i < r.hits.size(); ++i) {
    auto const& h = r.hits[i];
    if (i) o += ',';
    o += "{\"rank\":" + std::to_string(i + 1) + ",\"id\":";
    append_json_string(o, h.id);
    auto field = [&](char const* k, std::string const& v) {
      o += ",\"";
      o += k;
      o += "\":";
      append_json_string(o, v);
    };
    field("lang", h.lang);
    field("title", h.title);
    field("url", h.url);
    field("organisation", h.organisation);
    field("level", h.level);
    field("country", h.country);
    field("group", h.group_key);
    o += ",\"other_langs\":[";
    for (std::size_t k = 0; k < h.other_langs.size(); ++k) {
      if (k) o += ',';
      append_json_string(o, h.other_langs[k]);
    }
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.4f", h.score);
    o += "],\"score\":";
    o += buf;
    field("snippet", h.snippet);
    if (!h.explanation.empty()) field("explanation", h.explanation);
    o += '}';
  }
  o += "],\"facets\":{";
  for (std::size_t f = 0; f < r.facets.size(); ++f) {
    if (f) o += ',';
    append_json_string(o, r.facets[f].field);
    o += ":{";
    for (std::size_t k = 0; k < r.facets[f].values.size(); ++k) {
      if (k) o += ',';
      append_json_string(o, r.facets[f].values[k].value);
      o += ':' + std::to_string(r.facets[f].values[k].count);
    }
    o += '}';
  }
  o += "},\"notes\":[";
  for (std::size_t k = 0; k < r.notes.size(); ++k) {
    if (k) o += ',';
    append_json_string(o, r.notes[k]);
  }
  o += "]}";
  return o;
}

result<catalogue> load_catalogues(std::span<std::filesystem::path const> paths, load_options const& opt) {
  if (paths.size() == 1) return load_catalogue(paths[0], opt);  // ids are unique within a catalogue
  catalogue all;
  for (auto const& p : paths) {
    KW_TRY(auto c, load_catalogue(p, opt));
    all.report.merge(c.report);
    all.n_skipped += c.n_skipped;
    std::unordered_set<std::string> ids;
    for (auto const& d : all.procedures) ids.insert(d.id);
    for (auto& d : c.procedures) {
      if (!ids.insert(d.id).second) {
        all.report.add(severity::error, "duplicate_id", d.source_file, d.source_line, "id",
                       "id '" + d.id + "' already loaded from another catalogue; skipped");
        ++all.n_skipped;
        continue;
      }
      all.procedures.push_back(std::move(d));
    }
  }
  return all;
}

}  // namespace kwartier::search
