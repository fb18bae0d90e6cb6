// A searcher's state: its own Xapian::Database and stemmer (one searcher per thread). Not installed.
#pragma once

#include <xapian.h>

#include <memory>

#include "search/index_impl.h"

namespace kwartier::search {
struct searcher::impl {
  std::shared_ptr<index::impl const> keep;  // empty for searchers pooled inside the index (no cycle)
  index::impl const* idx = nullptr;
  Xapian::Database db;
  text::stemmer stem;
};
}  // namespace kwartier::search
