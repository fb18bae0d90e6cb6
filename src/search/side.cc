#include "search/side.h"

#include <algorithm>
#include <cstring>

#include "kwartier/text/text.h"

namespace kwartier::search::detail {
namespace {

// UTF-8 check with an ASCII fast path: multi-byte sequences consist of bytes >= 0x80 only, so every run of
// such bytes must be valid on its own.
bool valid_utf8(std::string_view s) {
  std::size_t i = 0;
  std::size_t const n = s.size();
  while (i < n) {
    if (i + 8 <= n) {
      std::uint64_t w;
      std::memcpy(&w, s.data() + i, 8);
      if ((w & 0x8080808080808080ull) == 0) {
        i += 8;
        continue;
      }
    }
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < n && static_cast<unsigned char>(s[j]) >= 0x80) ++j;
    if (!text::is_valid_utf8(s.substr(i, j - i))) return false;
    i = j;
  }
  return true;
}

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (auto& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

}  // namespace

std::string_view doc_column_value(procedure const& d, doc_column c, std::string& scratch) {
  switch (c) {
    case kColId: return d.id;
    case kColTitle: return d.title;
    case kColUrl: return d.url;
    case kColOrganisation: return d.organisation;
    case kColLevel: return d.level;
    case kColCountry: return scratch = lower_ascii(d.country);
    case kColLang: return d.lang;
    case kColBody: return d.body;
    case kColCommunity: return d.community;
    case kColVariantGroup: return d.variant_group;
    case kNumDocColumns: break;
  }
  return {};
}

result<side_view> side_view::open(dataset_file f, bool check_text) {
  side_view v;
  v.file = std::move(f);
  auto const& name = v.file.name();
  auto corrupt = [&](std::string msg) { return make_error(errc::corrupt_dataset, std::move(msg), name); };
  auto column = [&](std::uint32_t o, std::uint32_t c, std::size_t expect, char const* what) -> result<string_column> {
    KW_TRY(auto offsets, v.file.section<std::uint32_t>(o));
    KW_TRY(auto chars, v.file.section<char>(c));
    if (offsets.size() != expect + 1) return corrupt(std::string("string column '") + what + "' has the wrong size");
    if (offsets.front() != 0 || offsets.back() != chars.size())
      return corrupt(std::string("string column '") + what + "' has invalid offsets");
    if (check_text && !valid_utf8(std::string_view(chars.data(), chars.size())))
      return corrupt(std::string("string column '") + what + "' is not valid UTF-8");
    return string_column{offsets, chars};
  };
  KW_TRY(auto meta, v.file.section<side_meta>(fourcc("META")));
  if (meta.size() != 1) return corrupt("META section must hold one record");
  v.meta = meta[0];
  auto const n = v.meta.n_docs;
  if (v.meta.n_live > n) return corrupt("more live documents than rows");
  KW_TRY(v.recs, v.file.section<doc_rec>(fourcc("DREC")));
  if (v.recs.size() != n) return corrupt("document records do not match the document count");
  for (std::size_t c = 0; c < kNumDocColumns; ++c) {
    auto const& def = kDocColumns[c];
    KW_TRY(v.cols[c], column(def.offsets_id, def.chars_id, n, def.name));
  }
  KW_TRY(v.id_order, v.file.section<std::uint32_t>(fourcc("IDX_")));
  if (v.id_order.size() != v.meta.n_live) return corrupt("id index has the wrong size");
  KW_TRY(v.variant_order, v.file.section<std::uint32_t>(fourcc("VGX_")));
  if (v.variant_order.size() > v.meta.n_live) return corrupt("variant index has the wrong size");
  for (auto const d : v.variant_order)
    if (d >= n) return corrupt("variant index names a document out of range");
  if (check_text)
    for (std::size_t i = 1; i < v.variant_order.size(); ++i)
      if (v.cols[kColVariantGroup][v.variant_order[i]] < v.cols[kColVariantGroup][v.variant_order[i - 1]])
        return corrupt("variant index is not sorted");
  KW_TRY(v.groups, column(fourcc("GRO_"), fourcc("GRC_"), v.meta.n_groups, "group key"));
  KW_TRY(v.group_first, v.file.section<std::uint32_t>(fourcc("GRF_")));
  KW_TRY(v.group_docs, v.file.section<std::uint32_t>(fourcc("GRD_")));
  if (v.group_first.size() != std::size_t{v.meta.n_groups} + 1 || v.group_first.front() != 0 ||
      v.group_first.back() != v.group_docs.size() || v.group_docs.size() != v.meta.n_live)
    return corrupt("group table has the wrong size");
  KW_TRY(v.vocab.words, column(fourcc("VOO_"), fourcc("VOC_"), v.meta.n_vocab, "vocabulary"));
  KW_TRY(v.vocab.df, v.file.section<std::uint32_t>(fourcc("VDF_")));
  KW_TRY(v.vocab.lang_mask, v.file.section<text::lang_mask>(fourcc("VLM_")));
  if (v.vocab.df.size() != v.meta.n_vocab || v.vocab.lang_mask.size() != v.meta.n_vocab)
    return corrupt("vocabulary columns have the wrong size");
  KW_TRY(auto cw_off, v.file.section<std::uint32_t>(fourcc("CDO_")));
  if (cw_off.empty()) return corrupt("compound word list has no offsets");
  KW_TRY(v.compound_words, column(fourcc("CDO_"), fourcc("CDC_"), cw_off.size() - 1, "compound words"));
  // integer columns used as indexes: checked once here (a plain loop over n integers, no allocation)
  for (auto const& r : v.recs)
    if (r.group >= v.meta.n_groups || r.lang >= text::kNumLangs) return corrupt("document record out of range");
  for (std::size_t g = 1; g < v.group_first.size(); ++g)
    if (v.group_first[g] < v.group_first[g - 1]) return corrupt("group table is not monotone");
  for (auto const d : v.group_docs)
    if (d >= n) return corrupt("group table names a document out of range");
  for (auto const d : v.id_order)
    if (d >= n) return corrupt("id index names a document out of range");
  if (check_text) {
    // sorted lists are binary-searched; a damaged order would give wrong answers, not a crash
    for (std::size_t i = 1; i < v.vocab.words.size(); ++i)
      if (!(v.vocab.words[i - 1] < v.vocab.words[i])) return corrupt("vocabulary is not sorted");
    for (std::size_t i = 1; i < v.compound_words.size(); ++i)
      if (!(v.compound_words[i - 1] < v.compound_words[i])) return corrupt("compound word list is not sorted");
  }
  KW_TRY(auto ctx, v.file.section<char>(fourcc("CTX_")));
  v.concept_text = std::string_view(ctx.data(), ctx.size());
  KW_TRY(v.xapian_files, v.file.section<xapian_file>(fourcc("XFL_")));
  if (v.xapian_files.size() != v.meta.n_xapian_files) return corrupt("Xapian file list has the wrong size");
  for (auto const& x : v.xapian_files)
    if (std::memchr(x.name, 0, sizeof x.name) == nullptr || x.name[0] == 0)
      return corrupt("Xapian file list holds an invalid name");
  KW_TRY(v.generation_files, v.file.section<xapian_file>(fourcc("GFL_")));
  for (auto const& x : v.generation_files) {
    // a plain file name of the generation folder: never a path, never side.kwd or the Xapian folder
    std::string_view const file(x.name, std::min(sizeof x.name, std::strlen(x.name)));
    if (std::memchr(x.name, 0, sizeof x.name) == nullptr || file.empty() || file.find('/') != std::string_view::npos ||
        file == "." || file == ".." || file == "side.kwd" || file == "xapian")
      return corrupt("generation file list holds an invalid name");
  }
  return v;
}

std::int64_t side_view::find_id(std::string_view id) const {
  auto const& ids = cols[kColId];
  auto const it = std::lower_bound(id_order.begin(), id_order.end(), id,
                                   [&](std::uint32_t row, std::string_view key) { return ids[row] < key; });
  if (it == id_order.end() || *it >= meta.n_docs || ids[*it] != id) return -1;
  return *it;
}

void side_data::index_rows() {
  auto const n_groups = groups.size();
  group_first.assign(n_groups + 1, 0);
  for (auto const& r : recs)
    if (!(r.flags & kDocDeleted)) ++group_first[r.group + 1];
  for (std::size_t g = 1; g <= n_groups; ++g) group_first[g] += group_first[g - 1];
  group_docs.assign(group_first.back(), 0);
  std::vector<std::uint32_t> fill(group_first.begin(), group_first.end() - 1);
  id_order.clear();
  meta.doc_langs = 0;
  for (std::uint32_t d = 0; d < recs.size(); ++d) {
    if (recs[d].flags & kDocDeleted) continue;
    meta.doc_langs |= text::bit(static_cast<text::lang>(recs[d].lang));
    group_docs[fill[recs[d].group]++] = d;
    id_order.push_back(d);
  }
  auto const& ids = cols[kColId];
  std::sort(id_order.begin(), id_order.end(), [&](std::uint32_t a, std::uint32_t b) { return ids[a] < ids[b]; });
  auto const& vg = cols[kColVariantGroup];
  variant_order.clear();
  for (auto const d : id_order)
    if (!vg[d].empty()) variant_order.push_back(d);
  std::stable_sort(variant_order.begin(), variant_order.end(),
                   [&](std::uint32_t a, std::uint32_t b) { return vg[a] < vg[b]; });
  meta.n_docs = static_cast<std::uint32_t>(recs.size());
  meta.n_live = static_cast<std::uint32_t>(id_order.size());
  meta.n_groups = static_cast<std::uint32_t>(n_groups);
}

dataset_writer side_data::writer() const {
  dataset_writer wr(kSideKind);
  auto m = meta;
  m.n_vocab = static_cast<std::uint32_t>(vocab_words.size());
  m.n_xapian_files = static_cast<std::uint32_t>(xapian_files.size());
  std::vector<side_meta> mv{m};
  wr.add(fourcc("META"), mv);
  wr.add(fourcc("DREC"), recs);
  auto strings = [&](std::uint32_t o, std::uint32_t c, packed_strings const& s) {
    wr.add(o, s.offsets);
    wr.add_raw(c, 1, s.chars.data(), s.chars.size());
  };
  for (std::size_t c = 0; c < kNumDocColumns; ++c) strings(kDocColumns[c].offsets_id, kDocColumns[c].chars_id, cols[c]);
  wr.add(fourcc("IDX_"), id_order);
  wr.add(fourcc("VGX_"), variant_order);
  strings(fourcc("GRO_"), fourcc("GRC_"), groups);
  wr.add(fourcc("GRF_"), group_first);
  wr.add(fourcc("GRD_"), group_docs);
  strings(fourcc("VOO_"), fourcc("VOC_"), vocab_words);
  wr.add(fourcc("VDF_"), vocab_df);
  wr.add(fourcc("VLM_"), vocab_mask);
  strings(fourcc("CDO_"), fourcc("CDC_"), compound_words);
  wr.add_raw(fourcc("CTX_"), 1, concept_text.data(), concept_text.size());
  wr.add(fourcc("XFL_"), xapian_files);
  wr.add(fourcc("GFL_"), generation_files);
  return wr;
}

}  // namespace kwartier::search::detail
