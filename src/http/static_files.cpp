#include "http/static_files.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace boucle::http {
namespace {

std::string ContentType(const std::filesystem::path& p) {
  const auto ext = p.extension().string();
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".json") return "application/json";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".ico") return "image/x-icon";
  if (ext == ".woff2") return "font/woff2";
  return "application/octet-stream";
}

bool ReadFile(const std::filesystem::path& p, std::string& out) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  out = ss.str();
  return true;
}

}  // namespace

Response StaticFiles::Serve(const std::string& path) const {
  namespace fs = std::filesystem;
  Response r;
  r.route = "/{static}";
  const bool traversal = path.find("..") != std::string::npos || path.find('\0') != std::string::npos;
  fs::path file = fs::path(root_) / fs::path(path).relative_path();
  std::error_code ec;
  if (traversal || path == "/" || !fs::is_regular_file(file, ec)) {
    file = fs::path(root_) / "index.html";
    r.headers.emplace_back("Cache-Control", "no-cache");
  } else if (path.rfind("/assets/", 0) == 0) {
    r.headers.emplace_back("Cache-Control", "public, max-age=31536000, immutable");  // names carry a hash
  }
  if (!ReadFile(file, r.body)) {
    r.status = 404;
    r.content_type = "text/plain; charset=utf-8";
    r.body = "Boucle: the web app is not built (run make run).\n";
    return r;
  }
  r.content_type = ContentType(file);
  return r;
}

}  // namespace boucle::http
