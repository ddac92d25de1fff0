#pragma once
// The real `boucle` binary on a loopback port, and a blocking HTTP client for it.
#include <sys/types.h>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "support/test_app.hpp"

namespace boucle::testing {

// Runs the boucle binary with `args` to completion; returns its exit code and output.
int RunBoucle(const std::vector<std::string>& args, std::string* output = nullptr, const std::string& input = "");

class ServerProcess {
 public:
  explicit ServerProcess(std::filesystem::path db, const std::vector<std::string>& extra_args = {});
  ~ServerProcess();
  void Kill(int signal);  // and wait for it to end
  uint16_t port() const { return port_; }

  Reply Call(const std::string& method, const std::string& target, const std::string& body = "",
             const std::map<std::string, std::string>& headers = {});
  // Sends raw bytes and returns the raw answer (for malformed HTTP).
  std::string Raw(const std::string& bytes);

 private:
  pid_t pid_ = -1;
  uint16_t port_ = 0;
};

}  // namespace boucle::testing
