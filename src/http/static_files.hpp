#pragma once
#include <string>

#include "http/message.hpp"

namespace boucle::http {

// Serves the built web app: files under `root`, and index.html for any other path so that the
// single-page app can route itself. Never leaves `root`.
class StaticFiles {
 public:
  explicit StaticFiles(std::string root) : root_(std::move(root)) {}
  Response Serve(const std::string& path) const;

 private:
  std::string root_;
};

}  // namespace boucle::http
