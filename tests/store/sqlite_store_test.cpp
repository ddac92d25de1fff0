#include <gtest/gtest.h>

#include "store/sql_builder.hpp"
#include "support/test_app.hpp"

namespace boucle::testing {
namespace {

TEST(SqlBuilder, FullTextQueriesCannotInjectSyntax) {
  EXPECT_EQ(sql::FtsQuery("imprimante bloquée"), "\"imprimante\"* \"bloquée\"*");
  EXPECT_EQ(sql::FtsQuery("a\" OR NEAR(x) *"), "\"a\"* \"OR\"* \"NEAR\"* \"x\"*");
  EXPECT_EQ(sql::FtsQuery("\"\"\"()"), "\"\"");
}

TEST(SqliteStore, MigrationsAreIdempotentAndVersioned) {
  TestApp app;
  ASSERT_TRUE(app.store->Migrate(app.registry));
  auto v = app.store->SchemaVersion();
  ASSERT_TRUE(v);
  EXPECT_EQ(*v, 1);
}

TEST(SqliteStore, ConcurrentWritersNeverLoseAnUpdate) {
  TestApp app;
  auto token = app.TokenFor("agent", Role::kAgent);
  auto t = app.As(token, "POST", "/api/v1/tickets", {{"title", "Concurrence"}});
  ASSERT_EQ(t.status, 201);
  const std::string path = "/api/v1/tickets/" + std::to_string(t.json["id"].get<int64_t>());
  std::atomic<int> ok{0}, conflicts{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i)
    threads.emplace_back([&, i] {
      for (int k = 0; k < 10; ++k) {
        auto cur = app.As(token, "GET", path);
        auto r = app.As(token, "PATCH", path,
                        {{"title", "écrit par " + std::to_string(i) + "-" + std::to_string(k)}, {"version", cur.json["version"]}});
        if (r.status == 200) ++ok;
        else if (r.status == 409) ++conflicts;
      }
    });
  for (auto& th : threads) th.join();
  EXPECT_EQ(ok + conflicts, 40);
  auto final = app.As(token, "GET", path);
  EXPECT_EQ(final.json["version"], 1 + ok.load()) << "every acknowledged update made exactly one version";
}

}  // namespace
}  // namespace boucle::testing
