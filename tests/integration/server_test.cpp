// The real binary on a loopback port: the CLI conventions, the HTTP edge, and durability.
#include <gtest/gtest.h>
#include <signal.h>

#include "support/server_process.hpp"

namespace boucle::testing {
namespace {

class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir = TempDir("boucle-int");
    db = dir / "b.db";
    std::string out;
    ASSERT_EQ(RunBoucle({"migrate", "--db", db.string()}, &out), 0) << out;
    ASSERT_EQ(RunBoucle({"user", "add", "--db", db.string(), "--login", "ops", "--role", "agent", "--password-stdin"},
                        &out, "correct horse battery\n"),
              0)
        << out;
    ASSERT_EQ(RunBoucle({"user", "token", "--db", db.string(), "--login", "ops"}, &out), 0) << out;
    while (!out.empty() && isspace(static_cast<unsigned char>(out.back()))) out.pop_back();
    token = out.substr(out.find_last_of(" \n") + 1);
    ASSERT_EQ(token.rfind("bcl_", 0), 0u) << out;
  }
  void TearDown() override {
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
  std::map<std::string, std::string> Auth() const { return {{"authorization", "Bearer " + token}}; }

  std::filesystem::path dir, db;
  std::string token;
};

TEST_F(ServerTest, AcknowledgedCreatesSurviveKill9) {
  std::vector<int64_t> ids;
  {
    ServerProcess server(db);
    auto svc = server.Call("POST", "/api/v1/tickets", R"({"title":"avant le crash 0"})", Auth());
    ASSERT_EQ(svc.status, 201) << svc.body;
    ids.push_back(svc.json["id"]);
    for (int i = 1; i < 40; ++i) {
      auto r = server.Call("POST", "/api/v1/tickets", R"({"title":"avant le crash )" + std::to_string(i) + "\"}", Auth());
      ASSERT_EQ(r.status, 201) << r.body;
      ids.push_back(r.json["id"]);
    }
    server.Kill(SIGKILL);
  }
  ServerProcess again(db);
  auto list = again.Call("GET", "/api/v1/tickets?limit=100", "", Auth());
  ASSERT_EQ(list.status, 200);
  EXPECT_EQ(list.json["total"], 40);
  for (auto id : ids) EXPECT_EQ(again.Call("GET", "/api/v1/tickets/" + std::to_string(id), "", Auth()).status, 200);
}

TEST_F(ServerTest, OversizeBodyGets413AndTheServerLivesOn) {
  ServerProcess server(db);
  const std::string huge = R"({"title":")" + std::string(2 * 1024 * 1024, 'x') + "\"}";
  auto r = server.Call("POST", "/api/v1/tickets", huge, Auth());
  EXPECT_EQ(r.status, 413);
  EXPECT_EQ(r.json["error"]["code"], "body.too_large");
  EXPECT_EQ(r.json["error"]["field"], "body");
  EXPECT_EQ(server.Call("GET", "/healthz").status, 200);
}

TEST_F(ServerTest, MalformedHttpGetsA4xx) {
  ServerProcess server(db);
  EXPECT_NE(server.Raw("GARBAGE\r\n\r\n").find("HTTP/1.1 400"), std::string::npos);
  const std::string big_header = "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(64 * 1024, 'a') + "\r\n\r\n";
  EXPECT_NE(server.Raw(big_header).find("HTTP/1.1 431"), std::string::npos);
  EXPECT_NE(server.Raw("GET /api/v1/tickets?q=%zz HTTP/1.1\r\nHost: x\r\n\r\n").find("HTTP/1.1 400"), std::string::npos);
  EXPECT_EQ(server.Call("GET", "/healthz").status, 200);
}

TEST_F(ServerTest, ServesOpenApiAndStopsOnSigterm) {
  ServerProcess server(db);
  auto doc = server.Call("GET", "/api/v1/openapi.json");
  ASSERT_EQ(doc.status, 200);
  EXPECT_EQ(doc.json["openapi"].get<std::string>().rfind("3.1", 0), 0u);
  EXPECT_TRUE(doc.json["paths"].contains("/api/v1/tickets"));
  const auto& create = doc.json["paths"]["/api/v1/tickets"]["post"];
  EXPECT_TRUE(create.contains("requestBody"));
  server.Kill(SIGTERM);
}

TEST_F(ServerTest, CliRefusesBadInputClearly) {
  std::string out;
  EXPECT_NE(RunBoucle({"user", "add", "--db", db.string(), "--login", "x", "--role", "pope", "--password-stdin"}, &out,
                      "whatever-password\n"),
            0);
  EXPECT_NE(out.find("role"), std::string::npos) << out;
  EXPECT_NE(RunBoucle({"user", "add", "--db", db.string(), "--login", "shorty", "--role", "agent", "--password-stdin"},
                      &out, "short\n"),
            0);
  EXPECT_NE(out.find("password"), std::string::npos) << out;
  EXPECT_NE(RunBoucle({"user", "add", "--db", db.string(), "--login", "ops", "--role", "agent", "--password-stdin"},
                      &out, "another long password\n"),
            0);
  EXPECT_NE(out.find("login"), std::string::npos) << out;
  EXPECT_EQ(RunBoucle({"version"}, &out), 0);
  EXPECT_NE(out.find("boucle"), std::string::npos);
}

}  // namespace
}  // namespace boucle::testing
