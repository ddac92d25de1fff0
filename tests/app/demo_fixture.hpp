#pragma once
// What the demonstration-data tests share: a temporary database file and a fresh load into it.
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "app/demo.hpp"
#include "record/service.hpp"
#include "store/store.hpp"

namespace boucle::testing {

class TempDb {
 public:
  explicit TempDb(const std::string& name)
      : path_(std::filesystem::temp_directory_path() /
              ("boucle-demo-" + name + "-" + std::to_string(::getpid()) + ".db")) {
    Remove();
  }
  ~TempDb() { Remove(); }
  std::string path() const { return path_.string(); }

 private:
  void Remove() {
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) std::filesystem::remove(path_.string() + suffix);
  }
  std::filesystem::path path_;
};

struct Loaded {
  std::unique_ptr<Store> store;
  double seconds = 0;
};

// Opens a fresh store, migrates it and loads the demo; the registry must outlive the result.
inline Loaded LoadInto(const Registry& registry, const std::string& path, const DemoOptions& options) {
  Loaded out;
  auto store = OpenSqliteStore(SqliteOptions{.path = path, .synchronous_full = false});
  EXPECT_TRUE(store.has_value()) << (store ? "" : store.error().code);
  if (!store) return out;
  out.store = std::move(*store);
  auto migrated = out.store->Migrate(registry);
  EXPECT_TRUE(migrated.has_value()) << (migrated ? "" : migrated.error().code);
  SystemClock system_clock;
  RecordService records(registry, *out.store, system_clock);
  const auto start = std::chrono::steady_clock::now();
  auto st = LoadDemo(records, *out.store, options);
  out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_TRUE(st.has_value()) << (st ? "" : st.error().code + " " + st.error().field + " " + st.error().params.dump());
  EXPECT_EQ(&records.clock(), &system_clock) << "the service's clock must be restored";
  if (!st) out.store.reset();
  return out;
}

// Every record of a type, page by page, in id order.
inline std::vector<Json> All(Store& store, const Registry& registry, const std::string& type,
                             std::vector<Filter> filters = {}) {
  std::vector<Json> items;
  auto st = store.Run(TxMode::kRead, [&](Tx& tx) -> Status {
    for (int64_t offset = 0;; offset += 500) {
      ListQuery q;
      q.filters = filters;
      q.sort_field = "id";
      q.descending = false;
      q.limit = 500;
      q.offset = offset;
      auto page = tx.List(*registry.Find(type), q);
      if (!page) return Fail(page.error());
      items.insert(items.end(), page->items.begin(), page->items.end());
      if (page->items.size() < 500) return {};
    }
  });
  EXPECT_TRUE(st.has_value()) << (st ? "" : st.error().code);
  return items;
}

}  // namespace boucle::testing
