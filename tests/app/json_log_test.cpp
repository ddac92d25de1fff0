#include "app/json_log.hpp"

#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <nlohmann/json.hpp>
#include <sstream>

namespace boucle {
namespace {

TEST(JsonLog, EveryLineIsOneParsableObject) {
  std::ostringstream out;
  auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(out);
  spdlog::logger logger("boucle-test", sink);
  logger.set_formatter(JsonLogFormatter());
  logger.info("import de « {} » : {} lignes", "incidents \"2016\"\nfin", 42);
  logger.warn("octet invalide : {}", std::string("\xff"));

  std::istringstream lines(out.str());
  std::string line;
  std::vector<nlohmann::json> parsed;
  while (std::getline(lines, line)) parsed.push_back(nlohmann::json::parse(line));
  ASSERT_EQ(parsed.size(), 2u) << out.str();
  EXPECT_EQ(parsed[0]["level"], "info");
  EXPECT_EQ(parsed[0]["logger"], "boucle-test");
  EXPECT_EQ(parsed[0]["msg"], "import de « incidents \"2016\"\nfin » : 42 lignes");
  EXPECT_EQ(parsed[1]["level"], "warning");
  const std::string time = parsed[0]["time"];
  ASSERT_EQ(time.size(), 24u) << time;  // 2026-03-02T09:00:00.123Z
  EXPECT_EQ(time[10], 'T');
  EXPECT_EQ(time.back(), 'Z');
}

}  // namespace
}  // namespace boucle
