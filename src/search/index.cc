// index::open (validates the side file and the Xapian database, builds the group CSR) and the pool of
// per-thread searchers behind index::query.
#include <xapian.h>

#include "search/internal.h"
#include "search/searcher_impl.h"

namespace kwartier::search {

// ------------------------------------------------------------------------------------------------ index
result<index> index::open(std::filesystem::path const& dir) {
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec))
    return make_error(errc::not_found, "search index directory does not exist", dir.string());
  auto p = std::make_shared<impl>();
  p->dir = dir;
  auto const side_path = dir / "side.kwd";
  if (!std::filesystem::exists(side_path, ec))
    return make_error(errc::not_found, "not a kwartier search index (no side.kwd)", side_path.string());
  KW_TRY(p->side, dataset_file::open(side_path, detail::kSideKind));
  auto corrupt = [&](std::string msg) { return make_error(errc::corrupt_dataset, std::move(msg), side_path.string()); };
  KW_TRY(auto meta, p->side.section<detail::side_meta>(fourcc("META")));
  if (meta.size() != 1) return corrupt("META section must hold one record");
  p->meta = meta[0];
  auto const n = p->meta.n_docs;
  KW_TRY(p->recs, p->side.section<detail::doc_rec>(fourcc("DREC")));
  if (p->recs.size() != n) return corrupt("document records do not match the document count");
  auto strs = [&](char const (&o)[5], char const (&c)[5], std::vector<std::string_view>& dst,
                  std::size_t expect) -> status {
    KW_TRY(dst, p->side.strings(fourcc(o), fourcc(c)));
    if (dst.size() != expect) return corrupt(std::string("string table ") + o + " has the wrong size");
    return {};
  };
  KW_TRY_VOID(strs("IDO_", "IDC_", p->ids, n));
  KW_TRY_VOID(strs("TTO_", "TTC_", p->titles, n));
  KW_TRY_VOID(strs("URO_", "URC_", p->urls, n));
  KW_TRY_VOID(strs("ORO_", "ORC_", p->orgs, n));
  KW_TRY_VOID(strs("LVO_", "LVC_", p->levels, n));
  KW_TRY_VOID(strs("CNO_", "CNC_", p->countries, n));
  KW_TRY_VOID(strs("LGO_", "LGC_", p->langs, n));
  KW_TRY_VOID(strs("BDO_", "BDC_", p->bodies, n));
  KW_TRY_VOID(strs("GRO_", "GRC_", p->groups, p->meta.n_groups));
  KW_TRY_VOID(strs("VOO_", "VOC_", p->vocab.words, p->meta.n_vocab));
  KW_TRY(p->vocab.df, p->side.section<std::uint32_t>(fourcc("VDF_")));
  KW_TRY(p->vocab.lang_mask, p->side.section<text::lang_mask>(fourcc("VLM_")));
  if (p->vocab.df.size() != p->meta.n_vocab || p->vocab.lang_mask.size() != p->meta.n_vocab)
    return corrupt("vocabulary columns have the wrong size");
  for (std::size_t i = 1; i < p->vocab.words.size(); ++i)
    if (!(p->vocab.words[i - 1] < p->vocab.words[i])) return corrupt("vocabulary is not sorted");
  std::vector<std::string_view> cw;
  KW_TRY(cw, p->side.strings(fourcc("CDO_"), fourcc("CDC_")));
  for (std::size_t i = 1; i < cw.size(); ++i)
    if (!(cw[i - 1] < cw[i])) return corrupt("compound word list is not sorted");
  p->dict = text::compound_dictionary::from_sorted_views(std::move(cw), nullptr);
  KW_TRY(auto ctx, p->side.section<char>(fourcc("CTX_")));
  auto ct = detail::concept_table::parse(std::string_view(ctx.data(), ctx.size()), side_path.string());
  if (!ct) return corrupt("concept table: " + ct.error().message);
  p->concepts = std::move(*ct);
  // group CSR
  std::vector<std::uint32_t> count(p->meta.n_groups + 1, 0);
  for (auto const& r : p->recs) {
    if (r.group >= p->meta.n_groups) return corrupt("document group out of range");
    if (r.lang >= text::kNumLangs) return corrupt("document language out of range");
    p->doc_langs |= text::bit(static_cast<text::lang>(r.lang));
    ++count[r.group + 1];
  }
  for (std::size_t g = 1; g < count.size(); ++g) count[g] += count[g - 1];
  p->group_first = count;
  p->group_docs.resize(n);
  std::vector<std::uint32_t> fill(count.begin(), count.end() - 1);
  for (std::uint32_t d = 0; d < n; ++d) p->group_docs[fill[p->recs[d].group]++] = d;
  // the Xapian database must open and agree on the document count
  try {
    Xapian::Database db((dir / "xapian").string());
    if (db.get_doccount() != n)
      return make_error(errc::corrupt_dataset, "Xapian database and side file disagree on the document count",
                        (dir / "xapian").string());
  } catch (Xapian::DatabaseNotFoundError const& e) {
    return make_error(errc::not_found, "Xapian: " + e.get_description(), (dir / "xapian").string());
  } catch (Xapian::DatabaseVersionError const& e) {
    return make_error(errc::incompatible_dataset, "Xapian: " + e.get_description(), (dir / "xapian").string());
  } catch (Xapian::Error const& e) {
    return make_error(errc::corrupt_dataset, "Xapian: " + e.get_description(), (dir / "xapian").string());
  }
  index idx;
  idx.impl_ = std::move(p);
  return idx;
}

std::size_t index::n_documents() const { return impl_->meta.n_docs; }
std::string const& index::concept_table_version() const { return impl_->concepts.version(); }
std::filesystem::path const& index::path() const { return impl_->dir; }

result<results> index::query(std::string_view q, query_options const& opt) const {
  std::unique_ptr<searcher> s;
  {
    std::lock_guard lock(impl_->pool_mu);
    if (!impl_->pool.empty()) {
      s = std::move(impl_->pool.back());
      impl_->pool.pop_back();
    }
  }
  if (!s) {
    KW_TRY(auto fresh, searcher::create(*this));
    fresh.impl_->keep.reset();  // the pool lives inside *impl_: a pooled searcher must not own it
    s = std::make_unique<searcher>(std::move(fresh));
  }
  auto r = s->query(q, opt);
  std::lock_guard lock(impl_->pool_mu);
  if (impl_->pool.size() < 64) impl_->pool.push_back(std::move(s));
  return r;
}

// --------------------------------------------------------------------------------------------- searcher

searcher::searcher(std::unique_ptr<impl> p) : impl_(std::move(p)) {}
searcher::~searcher() = default;
searcher::searcher(searcher&&) noexcept = default;
searcher& searcher::operator=(searcher&&) noexcept = default;

result<searcher> searcher::create(index const& idx) {
  auto p = std::make_unique<impl>();
  p->keep = idx.get();
  p->idx = p->keep.get();
  try {
    p->db = Xapian::Database((p->idx->dir / "xapian").string());
  } catch (Xapian::Error const& e) {
    return make_error(errc::corrupt_dataset, "Xapian: " + e.get_description(), (p->idx->dir / "xapian").string());
  }
  return searcher(std::move(p));
}

}  // namespace kwartier::search
