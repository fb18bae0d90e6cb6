// index::open (one generation of an index folder, verified whole: index_store.h, side.h) and the pool of
// per-thread searchers behind index::query.
#include <xapian.h>

#include "search/internal.h"
#include "search/searcher_impl.h"

namespace kwartier::search {

// ------------------------------------------------------------------------------------------------ index
result<index> index::open(std::filesystem::path const& dir) {
  auto p = std::make_shared<impl>();
  p->root = dir;
  KW_TRY(p->lease, detail::generation_lease::acquire(dir));
  p->dir = p->lease.path();
  auto const side_path = p->dir / "side.kwd";
  auto const xapian_path = p->dir / "xapian";
  KW_TRY(auto file, dataset_file::open(side_path, detail::kSideKind));
  KW_TRY(p->side, detail::side_view::open(std::move(file)));
  auto const& s = p->side;
  auto corrupt = [&](std::string msg, std::filesystem::path const& where) {
    return make_error(errc::corrupt_dataset, std::move(msg), where.string());
  };
  if (s.meta.build_id != p->lease.build_id())
    return corrupt("side file belongs to build " + detail::generation_name(s.meta.build_id) + ", not to this generation",
                   side_path);
  // every Xapian file must be the one this side file was written with (size and xxh3)
  KW_TRY_VOID(detail::verify_xapian_files(xapian_path, s.xapian_files));
  // translations.kwd: the one this side file was written with (a missing or swapped file is refused)
  KW_TRY_VOID(detail::verify_generation_files(p->dir, s.generation_files));
  try {
    Xapian::Database db(xapian_path.string());
    if (db.get_doccount() != s.meta.n_live || db.get_lastdocid() > s.meta.n_docs)
      return corrupt("Xapian database and side file disagree on the documents", xapian_path);
    if (db.get_metadata("kwartier:build_id") != detail::generation_name(s.meta.build_id))
      return corrupt("Xapian database belongs to another build", xapian_path);
  } catch (Xapian::DatabaseNotFoundError const& e) {
    return make_error(errc::not_found, "Xapian: " + e.get_description(), xapian_path.string());
  } catch (Xapian::DatabaseVersionError const& e) {
    return make_error(errc::incompatible_dataset, "Xapian: " + e.get_description(), xapian_path.string());
  } catch (Xapian::Error const& e) {
    return corrupt("Xapian: " + e.get_description(), xapian_path);
  }
  auto ct = detail::concept_table::parse(s.concept_text, side_path.string());
  if (!ct) return corrupt("concept table: " + ct.error().message, side_path);
  p->concepts = std::move(*ct);
  KW_TRY(p->translations, detail::translation_table::open(p->dir / "translations.kwd"));
  p->dict = text::compound_dictionary::from_sorted_views(
      std::vector<std::string_view>(s.compound_words.begin(), s.compound_words.end()), nullptr);
  p->meta = s.meta;
  p->doc_langs = s.meta.doc_langs;
  p->recs = s.recs;
  p->ids = s.cols[detail::kColId];
  p->titles = s.cols[detail::kColTitle];
  p->urls = s.cols[detail::kColUrl];
  p->orgs = s.cols[detail::kColOrganisation];
  p->levels = s.cols[detail::kColLevel];
  p->countries = s.cols[detail::kColCountry];
  p->langs = s.cols[detail::kColLang];
  p->bodies = s.cols[detail::kColBody];
  p->communities = s.cols[detail::kColCommunity];
  p->variant_groups = s.cols[detail::kColVariantGroup];
  p->variant_order = s.variant_order;
  p->groups = s.groups;
  p->group_first = s.group_first;
  p->group_docs = s.group_docs;
  p->vocab = s.vocab;
  index idx;
  idx.impl_ = std::move(p);
  return idx;
}

std::size_t index::n_documents() const { return impl_->meta.n_live; }
std::string const& index::concept_table_version() const { return impl_->concepts.version(); }
std::filesystem::path const& index::path() const { return impl_->root; }
std::uint64_t index::build_id() const { return impl_->meta.build_id; }

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
