#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

#include "search/analysis.h"
#include "search/internal.h"

namespace kwartier::search {
namespace {

using detail::concept_table;

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

struct vocab_entry {
  std::uint32_t df = 0;
  text::lang_mask mask = 0;
  std::uint32_t last_doc = UINT32_MAX;
};

struct indexer {
  std::unordered_map<std::string, vocab_entry> vocab;

  void note_word(std::string const& w, text::lang l, std::uint32_t doc) {
    auto& e = vocab[w];
    if (e.last_doc != doc) {
      ++e.df;
      e.last_doc = doc;
    }
    e.mask |= text::bit(l);
  }
};

}  // namespace

std::vector<std::filesystem::path> default_compound_dictionaries() {
  std::vector<std::filesystem::path> out;
  for (auto const* p : text::profiles())
    for (auto f : p->compound_word_lists) out.emplace_back(f);
  return out;
}

result<build_stats> build_index(std::span<procedure const> docs, std::filesystem::path const& out_dir,
                                build_options const& opt) {
  auto const t0 = std::chrono::steady_clock::now();
  if (docs.empty()) return make_error(errc::invalid_argument, "no documents to index");
  if (docs.size() >= UINT32_MAX / 2) return make_error(errc::out_of_range, "too many documents");
  // concept table
  std::string table_text;
  std::string table_name = "<built-in concept table>";
  if (!opt.concept_table.empty()) {
    std::ifstream in(opt.concept_table, std::ios::binary);
    if (!in) return make_error(errc::io_error, "cannot read concept table", opt.concept_table.string());
    std::ostringstream ss;
    ss << in.rdbuf();
    table_text = ss.str();
    table_name = opt.concept_table.string();
  } else {
    table_text = std::string(concept_table::builtin_text());
  }
  KW_TRY(auto concepts, concept_table::parse(table_text, table_name));
  // compound dictionaries
  text::compound_dictionary dict;
  for (auto const& p : opt.compound_dictionaries) {
    if (!std::filesystem::exists(p)) continue;
    KW_TRY(auto d, text::compound_dictionary::from_hunspell(p));
    dict = dict.size() == 0 ? std::move(d) : text::compound_dictionary::merge(dict, d);
  }
  std::error_code ec;
  if (std::filesystem::exists(out_dir, ec)) {
    if (!opt.overwrite) return make_error(errc::invalid_argument, "index directory exists", out_dir.string());
    if (!std::filesystem::exists(out_dir / "side.kwd") && !std::filesystem::is_empty(out_dir, ec))
      return make_error(errc::invalid_argument, "refusing to overwrite a directory that is not a kwartier index",
                        out_dir.string());
    std::filesystem::remove_all(out_dir, ec);
  }
  std::filesystem::create_directories(out_dir, ec);
  if (ec) return make_error(errc::io_error, "cannot create index directory: " + ec.message(), out_dir.string());

  indexer ix;
  detail::document_analyzer analyzer(dict, concepts);
  std::vector<std::string> words;
  std::vector<std::string> ids, titles, urls, orgs, levels, countries, langs, bodies, groups;
  std::vector<detail::doc_rec> recs;
  std::unordered_map<std::string, std::uint32_t> group_idx;
  try {
    Xapian::WritableDatabase db((out_dir / "xapian").string(), Xapian::DB_CREATE_OR_OVERWRITE);
    db.begin_transaction(false);
    for (std::size_t i = 0; i < docs.size(); ++i) {
      auto const& d = docs[i];
      auto const doc = static_cast<std::uint32_t>(i);
      auto const l = text::parse_lang(d.lang);
      Xapian::Document xd;
      words.clear();
      analyzer.analyze(d, l, xd, words);
      for (auto const& w : words) ix.note_word(w, l, doc);
      auto const country = lower(d.country), org = lower(d.organisation), level = lower(d.level);
      xd.add_boolean_term("XL" + d.lang);
      if (!country.empty()) xd.add_boolean_term("XC" + country);
      if (!org.empty()) xd.add_boolean_term("XO" + org.substr(0, 200));
      if (!level.empty()) xd.add_boolean_term("XV" + level.substr(0, 200));
      xd.add_value(detail::kSlotLang, d.lang);
      xd.add_value(detail::kSlotCountry, country);
      xd.add_value(detail::kSlotOrganisation, d.organisation);
      xd.add_value(detail::kSlotLevel, d.level);
      db.replace_document(static_cast<Xapian::docid>(i + 1), xd);
      auto const gk = d.group_key.empty() ? "id:" + d.id : "group:" + d.group_key;
      auto [git, inserted] = group_idx.try_emplace(gk, static_cast<std::uint32_t>(groups.size()));
      if (inserted) groups.push_back(d.group_key.empty() ? std::string() : d.group_key);
      recs.push_back({git->second, static_cast<std::uint8_t>(l), {0, 0, 0}});
      ids.push_back(d.id);
      titles.push_back(d.title);
      urls.push_back(d.url);
      orgs.push_back(d.organisation);
      levels.push_back(d.level);
      countries.push_back(country);
      langs.push_back(d.lang);
      bodies.push_back(d.body);
    }
    db.commit_transaction();
    db.close();
  } catch (Xapian::Error const& e) {
    return make_error(errc::io_error, "Xapian: " + e.get_description(), (out_dir / "xapian").string());
  }
  // vocabulary (sorted) and the compound words it contains
  std::vector<std::string> vwords;
  vwords.reserve(ix.vocab.size());
  for (auto const& [w, e] : ix.vocab) vwords.push_back(w);
  std::sort(vwords.begin(), vwords.end());
  std::vector<std::uint32_t> vdf;
  std::vector<text::lang_mask> vmask;
  std::vector<std::string> cwords;
  for (auto const& w : vwords) {
    auto const& e = ix.vocab[w];
    vdf.push_back(e.df);
    vmask.push_back(e.mask);
    if (dict.contains(w)) cwords.push_back(w);
  }
  dataset_writer wr(detail::kSideKind);
  std::vector<detail::side_meta> meta{{static_cast<std::uint32_t>(docs.size()), static_cast<std::uint32_t>(groups.size()),
                                       static_cast<std::uint32_t>(vwords.size()), 0}};
  wr.add(fourcc("META"), meta);
  wr.add(fourcc("DREC"), recs);
  wr.add_strings(fourcc("IDO_"), fourcc("IDC_"), ids);
  wr.add_strings(fourcc("TTO_"), fourcc("TTC_"), titles);
  wr.add_strings(fourcc("URO_"), fourcc("URC_"), urls);
  wr.add_strings(fourcc("ORO_"), fourcc("ORC_"), orgs);
  wr.add_strings(fourcc("LVO_"), fourcc("LVC_"), levels);
  wr.add_strings(fourcc("CNO_"), fourcc("CNC_"), countries);
  wr.add_strings(fourcc("GRO_"), fourcc("GRC_"), groups);
  wr.add_strings(fourcc("LGO_"), fourcc("LGC_"), langs);
  wr.add_strings(fourcc("BDO_"), fourcc("BDC_"), bodies);
  wr.add_strings(fourcc("VOO_"), fourcc("VOC_"), vwords);
  wr.add(fourcc("VDF_"), vdf);
  wr.add(fourcc("VLM_"), vmask);
  wr.add_strings(fourcc("CDO_"), fourcc("CDC_"), cwords);
  std::vector<char> ctx(concepts.text().begin(), concepts.text().end());
  wr.add(fourcc("CTX_"), ctx);
  KW_TRY_VOID(wr.write(out_dir / "side.kwd"));

  build_stats st;
  st.n_documents = docs.size();
  st.n_groups = groups.size();
  st.n_vocabulary = vwords.size();
  st.n_compound_words = cwords.size();
  st.n_concepts = concepts.n_concepts();
  st.concept_table_version = concepts.version();
  st.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return st;
}

}  // namespace kwartier::search
