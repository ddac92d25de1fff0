#include "text/markdown.hpp"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <memory>
#include <mutex>

namespace boucle {

namespace {

// CMARK_OPT_UNSAFE must never appear here: without it cmark drops raw HTML and dangerous URLs.
constexpr int kOptions = CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8;

constexpr const char* kExtensions[] = {"table", "strikethrough", "autolink", "tasklist"};

// The extension registry is a process-wide list that cmark fills without a lock.
void EnsureExtensions() {
  static std::once_flag once;
  std::call_once(once, [] { cmark_gfm_core_extensions_ensure_registered(); });
}

struct ParserDeleter {
  void operator()(cmark_parser* p) const { cmark_parser_free(p); }
};
struct NodeDeleter {
  void operator()(cmark_node* n) const { cmark_node_free(n); }
};

}  // namespace

std::string RenderMarkdown(std::string_view markdown) {
  EnsureExtensions();
  std::unique_ptr<cmark_parser, ParserDeleter> parser(cmark_parser_new(kOptions));
  if (!parser) return {};
  for (const char* name : kExtensions)
    if (cmark_syntax_extension* ext = cmark_find_syntax_extension(name))
      cmark_parser_attach_syntax_extension(parser.get(), ext);
  cmark_parser_feed(parser.get(), markdown.empty() ? "" : markdown.data(), markdown.size());
  std::unique_ptr<cmark_node, NodeDeleter> root(cmark_parser_finish(parser.get()));
  if (!root) return {};
  char* html = cmark_render_html(root.get(), kOptions, cmark_parser_get_syntax_extensions(parser.get()));
  if (!html) return {};
  std::string out(html);
  cmark_get_default_mem_allocator()->free(html);
  return out;
}

}  // namespace boucle
