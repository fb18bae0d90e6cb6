#include "search/translations.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <thread>
#include <unordered_map>
#include <unordered_set>

namespace kwartier::search::detail {
namespace {

constexpr dataset_kind kTranslationKind{
    fourcc("KWTR"),
    "KWTR v1: KYO/KYC key; KTF u32 first translation per key; TLG u8 target lang; TWF u32 first word per "
    "translation; TWO/TWC words; TXO/TXC written translation"};
constexpr std::size_t kMaxPerLanguage = 4;  // translations kept per headword and target language

struct built_translation {
  text::lang to;
  std::vector<std::string> words;
  std::string written;
};

}  // namespace

std::string translation_key(text::lang from, std::span<std::string const> stems) {
  std::string k(text::lang_code(from));
  k.push_back('\x1f');
  for (std::size_t i = 0; i < stems.size(); ++i) {
    if (i) k.push_back(' ');
    k += stems[i];
  }
  return k;
}

namespace {

using table_t = std::unordered_map<std::string, std::vector<built_translation>>;

// Words (language byte + word) and stems (language byte + stem) of the index vocabulary: a translation word
// is usable when it, or its stem, occurs in documents of its language ("visa" meets "visas" through the stem
// the query adds for it).
struct vocabulary_keys {
  std::unordered_set<std::string> keys;
};

// One dictionary into `out`; `stem` and `known` are the calling thread's.
status compile_dictionary(translation_dictionary const& d, text::lang from, text::lang to,
                          vocabulary_keys const& vk, table_t& out, std::size_t& n_headwords) {
  text::stemmer stem;
  std::unordered_map<std::string, bool> known;  // language byte + word -> usable (dictionaries repeat words)
  auto in_vocab = [&](std::string const& w) {
    std::string k = static_cast<char>(to) + w;
    auto it = known.find(k);
    if (it == known.end()) {
      bool const ok = vk.keys.count(k) || vk.keys.count(static_cast<char>(to) + stem.stem(to, w));
      it = known.emplace(std::move(k), ok).first;
    }
    return it->second;
  };
  KW_TRY(auto entries, text::read_dictd(d.path));
  n_headwords = entries.size();
  std::vector<std::string> stems;
  for (auto const& e : entries) {
    std::vector<built_translation>* slot = nullptr;
    auto key = [&]() -> std::vector<built_translation>* {  // only for a headword with a usable translation
      auto const head = text::tokenize(e.headword, from, translation_table::kMaxPhraseWords + 1);
      if (head.empty() || head.size() > translation_table::kMaxPhraseWords) return nullptr;
      if (head.size() == 1 && text::is_stop_word(from, head[0].folded)) return nullptr;
      stems.clear();
      for (auto const& t : head) stems.push_back(stem.stem(from, t.folded));
      return &out[translation_key(from, stems)];
    };
    bool key_tried = false;
    std::size_t kept = 0;
    for (auto const& tr : e.translations) {
      if (kept == kMaxPerLanguage) break;
      built_translation bt{to, {}, tr};
      bool ok = true;
      for (auto const& t : text::tokenize(tr, to, text::kMaxTranslationWords + 1)) {
        if (text::is_stop_word(to, t.folded)) continue;
        if (!in_vocab(t.folded)) {
          ok = false;
          break;
        }
        if (std::find(bt.words.begin(), bt.words.end(), t.folded) == bt.words.end()) bt.words.push_back(t.folded);
      }
      if (!ok || bt.words.empty()) continue;
      if (!key_tried) {
        key_tried = true;
        slot = key();
      }
      if (slot == nullptr) break;
      bool const dup = std::any_of(slot->begin(), slot->end(), [&](auto const& o) { return o.words == bt.words; });
      if (dup) continue;
      slot->push_back(std::move(bt));
      ++kept;
    }
  }
  return {};
}

}  // namespace

result<translation_build_stats> build_translations(std::span<translation_dictionary const> dicts,
                                                   packed_strings const& words,
                                                   std::span<text::lang_mask const> masks,
                                                   std::filesystem::path const& out) {
  auto const t0 = std::chrono::steady_clock::now();
  translation_build_stats st;
  text::lang_mask present = 0;
  for (auto m : masks) present |= m;
  // the dictionaries to read: into a language of the documents, installed
  struct job {
    translation_dictionary const* d;
    text::lang from, to;
    table_t table;
    std::size_t n_headwords = 0;
    status result;
  };
  std::vector<job> jobs;
  for (auto const& d : dicts) {
    auto const from = text::parse_lang(d.from), to = text::parse_lang(d.to);
    if (from == text::lang::neutral || to == text::lang::neutral || from == to)
      return make_error(errc::invalid_argument, "translation dictionary needs two different known languages",
                        d.path.string(), 0, "from/to");
    if (!(present & text::bit(to))) continue;  // no document in the target language
    std::error_code ec;
    if (!std::filesystem::exists(d.path.string() + ".index", ec)) {
      ++st.n_missing;
      continue;
    }
    jobs.push_back({&d, from, to, {}, 0, {}});
  }
  vocabulary_keys vk;
  if (!jobs.empty()) {
    text::stemmer stem;
    for (std::size_t i = 0; i < words.size(); ++i)
      for (auto const* lp : text::profiles())
        if (lp->id != text::lang::neutral && (masks[i] & text::bit(lp->id))) {
          vk.keys.insert(static_cast<char>(lp->id) + std::string(words[i]));
          vk.keys.insert(static_cast<char>(lp->id) + stem.stem(lp->id, words[i]));
        }
  }
  // dictionaries are independent: two threads (the build machine's cores), largest first
  std::vector<std::size_t> order(jobs.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::error_code ec;
  std::sort(order.begin(), order.end(), [&](auto a, auto b) {
    return std::filesystem::file_size(jobs[a].d->path.string() + ".index", ec) >
           std::filesystem::file_size(jobs[b].d->path.string() + ".index", ec);
  });
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t k; (k = next.fetch_add(1)) < order.size();) {
      auto& j = jobs[order[k]];
      j.result = compile_dictionary(*j.d, j.from, j.to, vk, j.table, j.n_headwords);
    }
  };
  std::size_t const n_threads = std::min<std::size_t>(2, std::max<unsigned>(1, std::thread::hardware_concurrency()));
  std::vector<std::thread> threads;
  for (std::size_t t = 1; t < n_threads && t < jobs.size(); ++t) threads.emplace_back(work);
  work();
  for (auto& t : threads) t.join();
  // merged in the configured order: a headword's translations come dictionary by dictionary
  table_t table;
  for (auto& j : jobs) {
    if (!j.result) return tl::unexpected(j.result.error());
    ++st.n_dictionaries;
    st.n_headwords += j.n_headwords;
    for (auto& [k, trs] : j.table) {
      auto& slot = table[k];
      for (auto& t : trs) slot.push_back(std::move(t));
    }
  }
  std::vector<std::string> keys, tr_words, written;
  std::vector<std::uint32_t> tr_first{0}, word_first{0};
  std::vector<std::uint8_t> tr_lang;
  for (auto const& kv : table) keys.push_back(kv.first);
  std::sort(keys.begin(), keys.end());
  for (auto const& k : keys) {
    auto& trs = table[k];
    for (auto& t : trs) {
      tr_lang.push_back(static_cast<std::uint8_t>(t.to));
      for (auto& w : t.words) tr_words.push_back(std::move(w));
      word_first.push_back(static_cast<std::uint32_t>(tr_words.size()));
      written.push_back(std::move(t.written));
    }
    tr_first.push_back(static_cast<std::uint32_t>(tr_lang.size()));
  }
  dataset_writer wr(kTranslationKind);
  wr.add_strings(fourcc("KYO_"), fourcc("KYC_"), keys);
  wr.add(fourcc("KTF_"), tr_first);
  wr.add(fourcc("TLG_"), tr_lang);
  wr.add(fourcc("TWF_"), word_first);
  wr.add_strings(fourcc("TWO_"), fourcc("TWC_"), tr_words);
  wr.add_strings(fourcc("TXO_"), fourcc("TXC_"), written);
  KW_TRY_VOID(wr.write(out));
  st.n_keys = keys.size();
  st.n_translations = tr_lang.size();
  st.bytes = static_cast<std::size_t>(std::filesystem::file_size(out, ec));
  st.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return st;
}

result<translation_table> translation_table::open(std::filesystem::path const& path) {
  translation_table t;
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return t;
  KW_TRY(t.file_, dataset_file::open(path, kTranslationKind));
  auto corrupt = [&](char const* what) { return make_error(errc::corrupt_dataset, what, path.string()); };
  KW_TRY(t.key_off_, t.file_.section<std::uint32_t>(fourcc("KYO_")));
  KW_TRY(t.key_chars_, t.file_.section<char>(fourcc("KYC_")));
  KW_TRY(t.tr_first_, t.file_.section<std::uint32_t>(fourcc("KTF_")));
  KW_TRY(t.tr_lang_, t.file_.section<std::uint8_t>(fourcc("TLG_")));
  KW_TRY(t.word_first_, t.file_.section<std::uint32_t>(fourcc("TWF_")));
  KW_TRY(t.word_off_, t.file_.section<std::uint32_t>(fourcc("TWO_")));
  KW_TRY(t.word_chars_, t.file_.section<char>(fourcc("TWC_")));
  KW_TRY(t.written_off_, t.file_.section<std::uint32_t>(fourcc("TXO_")));
  KW_TRY(t.written_chars_, t.file_.section<char>(fourcc("TXC_")));
  // offsets are monotone and inside their character sections; every index is in range
  auto monotone = [](std::span<std::uint32_t const> o, std::size_t end) {
    if (o.empty() || o.front() != 0 || o.back() != end) return false;
    return std::is_sorted(o.begin(), o.end());
  };
  if (t.key_off_.empty()) return corrupt("translation keys have no offsets");
  t.n_keys_ = t.key_off_.size() - 1;
  std::size_t const n_tr = t.tr_lang_.size();
  std::size_t const n_words = t.word_off_.empty() ? 0 : t.word_off_.size() - 1;
  if (!monotone(t.key_off_, t.key_chars_.size()) || !monotone(t.tr_first_, n_tr) ||
      t.tr_first_.size() != t.n_keys_ + 1 || !monotone(t.word_first_, n_words) ||
      t.word_first_.size() != n_tr + 1 || !monotone(t.word_off_, t.word_chars_.size()) ||
      !monotone(t.written_off_, t.written_chars_.size()) || t.written_off_.size() != n_tr + 1)
    return corrupt("translation table offsets are inconsistent");
  for (auto l : t.tr_lang_)
    if (l == 0 || l >= text::kNumLangs) return corrupt("translation language out of range");
  for (std::size_t i = 1; i < t.n_keys_; ++i)
    if (!(t.key(i - 1) < t.key(i))) return corrupt("translation keys are not sorted");
  return t;
}

std::string_view translation_table::key(std::size_t i) const {
  return {key_chars_.data() + key_off_[i], key_off_[i + 1] - key_off_[i]};
}

void translation_table::lookup(text::lang from, std::span<std::string const> stems,
                               std::vector<translation>& out) const {
  if (n_keys_ == 0 || stems.empty()) return;
  auto const k = translation_key(from, stems);
  std::size_t lo = 0, hi = n_keys_;
  while (lo < hi) {
    auto const mid = lo + (hi - lo) / 2;
    if (key(mid) < k) lo = mid + 1;
    else hi = mid;
  }
  if (lo == n_keys_ || key(lo) != k) return;
  for (auto i = tr_first_[lo]; i < tr_first_[lo + 1]; ++i) {
    translation t{static_cast<text::lang>(tr_lang_[i]), {},
                  {written_chars_.data() + written_off_[i], written_off_[i + 1] - written_off_[i]}};
    for (auto w = word_first_[i]; w < word_first_[i + 1]; ++w)
      t.words.emplace_back(word_chars_.data() + word_off_[w], word_off_[w + 1] - word_off_[w]);
    out.push_back(std::move(t));
  }
}

}  // namespace kwartier::search::detail
