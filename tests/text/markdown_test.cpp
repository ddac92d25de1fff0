#include "text/markdown.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <string>
#include <thread>
#include <vector>

namespace boucle {
namespace {

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

// Decodes what a browser would in an attribute value: numeric references and the named ones
// that spell a scheme.
std::string DecodeEntities(const std::string& v) {
  std::string out;
  for (size_t i = 0; i < v.size(); ++i) {
    if (v[i] != '&') {
      out += v[i];
      continue;
    }
    const size_t semi = v.find(';', i);
    if (semi == std::string::npos) {
      out += v[i];
      continue;
    }
    const std::string ent = Lower(v.substr(i + 1, semi - i - 1));
    long code = -1;
    if (ent.size() > 1 && ent[0] == '#')
      code = ent[1] == 'x' ? std::strtol(ent.c_str() + 2, nullptr, 16)
                           : std::strtol(ent.c_str() + 1, nullptr, 10);
    else if (ent == "colon")
      code = ':';
    else if (ent == "tab")
      code = '\t';
    else if (ent == "newline")
      code = '\n';
    else if (ent == "amp")
      code = '&';
    else if (ent == "quot")
      code = '"';
    if (code < 0 || code > 127) {
      out += v.substr(i, semi - i + 1);
    } else {
      out += static_cast<char>(code);
    }
    i = semi;
  }
  return out;
}

bool SafeUrl(const std::string& attr, const std::string& raw) {
  std::string url;
  for (char c : Lower(DecodeEntities(raw)))
    if (static_cast<unsigned char>(c) > 0x20) url += c;  // browsers ignore whitespace and controls here
  const size_t colon = url.find(':');
  const size_t stop = url.find_first_of("/?#");
  if (colon == std::string::npos || (stop != std::string::npos && stop < colon)) return true;  // relative
  const std::string scheme = url.substr(0, colon);
  // As WHATWG URL parsing does: text before ':' that is not a scheme makes a relative URL.
  const bool is_scheme = !scheme.empty() && std::isalpha(static_cast<unsigned char>(scheme[0])) &&
                         std::all_of(scheme.begin(), scheme.end(), [](unsigned char c) {
                           return std::isalnum(c) || c == '+' || c == '-' || c == '.';
                         });
  if (!is_scheme) return true;
  if (scheme == "http" || scheme == "https" || scheme == "mailto") return true;
  if (attr == "src")
    for (const char* ok : {"data:image/png", "data:image/gif", "data:image/jpeg", "data:image/webp"})
      if (url.rfind(ok, 0) == 0) return true;
  return false;
}

// Why `html` could run script or restyle the page, or "" when it cannot. Since cmark escapes every
// '<' of text, each '<' left in the output starts a real tag, so tags and attributes are checked
// against what cmark itself emits.
std::string UnsafeReason(const std::string& html) {
  const std::string lower = Lower(html);
  for (const char* needle : {"<script", "<iframe", "<object", "<embed", "<svg", "<style", "<math", "<form"})
    if (lower.find(needle) != std::string::npos) return std::string("contains ") + needle;
  static const std::vector<std::string> kTags = {
      "p",          "a",  "img",   "em",    "strong", "del",   "code", "pre", "ul",
      "ol",         "li", "input", "table", "thead",  "tbody", "tr",   "th",  "td",
      "blockquote", "h1", "h2",    "h3",    "h4",     "h5",    "h6",   "hr",  "br",
  };
  static const std::vector<std::string> kAttrs = {"href",    "src",      "alt",   "title", "type",
                                                  "checked", "disabled", "align", "start", "class"};
  size_t i = 0;
  while ((i = lower.find('<', i)) != std::string::npos) {
    if (lower.compare(i, 4, "<!--") == 0) {
      const size_t end = lower.find("-->", i);
      if (end == std::string::npos) return "unterminated comment";
      if (lower.substr(i, end + 3 - i) != "<!-- raw html omitted -->") return "unexpected comment";
      i = end + 3;
      continue;
    }
    size_t p = i + 1;
    if (p < lower.size() && lower[p] == '/') ++p;
    const size_t name_start = p;
    while (p < lower.size() && std::isalnum(static_cast<unsigned char>(lower[p]))) ++p;
    const std::string name = lower.substr(name_start, p - name_start);
    if (std::find(kTags.begin(), kTags.end(), name) == kTags.end()) return "tag <" + name + ">";
    for (;;) {
      while (p < lower.size() && lower[p] == ' ') ++p;
      if (p >= lower.size()) return "unterminated tag";
      if (lower[p] == '>') break;
      if (lower.compare(p, 2, "/>") == 0) {
        ++p;
        break;
      }
      const size_t attr_start = p;
      while (p < lower.size() && (std::isalpha(static_cast<unsigned char>(lower[p])) || lower[p] == '-')) ++p;
      const std::string attr = lower.substr(attr_start, p - attr_start);
      if (attr.empty()) return "malformed attribute in <" + name + ">";
      if (attr.rfind("on", 0) == 0) return "event handler " + attr;
      if (std::find(kAttrs.begin(), kAttrs.end(), attr) == kAttrs.end()) return "attribute " + attr;
      if (p >= lower.size() || lower[p] != '=' || p + 1 >= lower.size() || lower[p + 1] != '"')
        return "unquoted attribute " + attr;
      const size_t close = lower.find('"', p + 2);
      if (close == std::string::npos) return "unterminated attribute " + attr;
      const std::string value = html.substr(p + 2, close - p - 2);
      if ((attr == "href" || attr == "src") && !SafeUrl(attr, value)) return attr + "=\"" + value + "\"";
      p = close + 1;
    }
    i = p + 1;
  }
  return "";
}

// The markup of `html` without its text nor its quoted attribute values: what a browser reads as
// tag and attribute names.
std::string Markup(const std::string& html) {
  std::string out;
  bool in_tag = false, in_value = false;
  for (char c : html) {
    if (!in_tag) {
      if (c == '<') in_tag = true;
    } else if (in_value) {
      if (c == '"') {
        in_value = false;
        out += c;
      }
      continue;
    } else if (c == '"') {
      in_value = true;
    } else if (c == '>') {
      in_tag = false;
    }
    if (in_tag || c == '>') out += c;
  }
  return out;
}

TEST(MarkdownTest, CheckerCatchesUnsafeHtml) {
  // The injection table below is only as good as this checker: prove it can fail.
  const std::vector<std::string> unsafe = {
      "<script>alert(1)</script>",
      "<p><SCRIPT src=x></SCRIPT></p>",
      "<img src=\"x\" onerror=\"alert(1)\" />",
      "<img src=x onerror=alert(1)>",
      "<a href=\"javascript:alert(1)\">x</a>",
      "<a href=\"JaVaScRiPt:alert(1)\">x</a>",
      "<a href=\" java&#x09;script:alert(1)\">x</a>",
      "<a href=\"&#106;avascript:alert(1)\">x</a>",
      "<a href=\"vbscript:x\">x</a>",
      "<a href=\"data:text/html,x\">x</a>",
      "<iframe src=\"x\"></iframe>",
      "<p style=\"color:red\">x</p>",
      "<div>x</div>",
      "<!-- --><b>",
      "<p",
  };
  for (const auto& html : unsafe) EXPECT_NE(UnsafeReason(html), "") << html;
  EXPECT_EQ(UnsafeReason("<p><a href=\"https://example.com/?a=1&amp;b=2\">x</a> &lt;script&gt;</p>\n"), "");
  EXPECT_EQ(UnsafeReason("<p><img src=\"data:image/png;base64,AAAA\" alt=\"\" /></p>"), "");
  EXPECT_EQ(UnsafeReason("<p><a href=\"%EF%BF%BDjavascript:x\">x</a></p>"), "");  // a relative path
  EXPECT_EQ(Markup("<p>a onerror=x <img src=\"y\" alt=\"z\" /></p>"), "<p><img src=\"\" alt=\"\" /></p>");
  EXPECT_NE(Markup("<img src=x onerror=alert(1)>").find("onerror"), std::string::npos);
}

TEST(MarkdownTest, ScriptInjectionsNeverSurvive) {
  const std::vector<std::string> attacks = {
      "<script>alert(1)</script>",
      "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
      "<ScRiPt>alert(1)</sCrIpT>",
      "before <script>alert(1)</script> after",
      "<img src=x onerror=alert(1)>",
      "<IMG SRC=x OnErRoR=alert(1)>",
      "text <img src=x onerror=alert(1)> text",
      "<img src=x onerror=alert(1)",
      "<svg/onload=alert(1)>",
      "<details open ontoggle=alert(1)>",
      "<body onload=alert(1)>",
      "[x](javascript:alert(1))",
      "[x](JaVaScRiPt:alert(1))",
      "[x](javascript:alert(1) \"title\")",
      "[x]( javascript:alert(1) )",
      "[x](<javascript:alert(1)>)",
      "[x](&#106;avascript:alert(1))",
      "[x](&#x6A;avascript&#58;alert(1))",
      "[x](javascript&colon;alert(1))",
      "[x](javascript://%0aalert(1))",
      "[x](java\tscript:alert(1))",
      std::string("[x](\0javascript:alert(1))", 25),
      "[x]: javascript:alert(1)\n\n[click][x]",
      "[x]: JAVASCRIPT:alert(1) \"t\"\n\n[x]",
      "<javascript:alert(1)>",
      "<JAVASCRIPT:alert(1)>",
      "<vbscript:msgbox(1)>",
      "[x](vbscript:msgbox(1))",
      "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
      "[x](DATA:text/html,<script>alert(1)</script>)",
      "![x](javascript:alert(1))",
      "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
      "![x](x\" onerror=\"alert(1))",
      "![x](x\"onerror=\"alert(1))",
      "![a onerror=alert(1) b](x)",
      "![a\" onerror=\"alert(1)](x)",
      "[x](file:///etc/passwd)",
      "www.example.com/<script>alert(1)</script>",
      "http://example.com/\"onmouseover=\"alert(1)",
      "https://example.com/?<img src=x onerror=alert(1)>",
      "<http://example.com/?q=<script>>",
      "&lt;script&gt;alert(1)&lt;/script&gt;",
      "&#60;script&#62;alert(1)&#60;/script&#62;",
      "<iframe src=\"https://evil.example\"></iframe>",
      "<IFRAME SRC=javascript:alert(1)>",
      "<object data=\"javascript:alert(1)\"></object>",
      "<embed src=\"javascript:alert(1)\">",
      "<form action=\"javascript:alert(1)\"><button>x</button></form>",
      "<div style=\"background:url(javascript:alert(1))\">x</div>",
      "<p style=\"color:red\">styled</p>",
      "<style>body{display:none}</style>",
      "<a href=\"javascript:alert(1)\">click</a>",
      "<a href=\"&#106;avascript:alert(1)\">click</a>",
      "<<script>script>alert(1)<</script>/script>",
      "<scr<script>ipt>alert(1)</script>",
      "<div>\n<script>alert(1)</script>\n</div>",
      "<div onclick=\"alert(1)\">\n\n*markdown inside*\n\n</div>",
      "<!-- x --><script>alert(1)</script>",
      "<![CDATA[<script>alert(1)</script>]]>",
      "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
      "| a | b |\n|---|---|\n| <script>alert(1)</script> | [x](javascript:alert(1)) |",
      "| <img src=x onerror=alert(1)> |\n|---|\n| x |",
      "- [ ] <script>alert(1)</script>\n- [x] [x](javascript:alert(1))",
      "~~<iframe src=x>~~",
      "`<script>alert(1)</script>`",
      "```html\n<script>alert(1)</script>\n```",
      "```\"><script>alert(1)</script>\nx\n```",
      "> <script>alert(1)</script>",
      "* [x](javascript:alert(1))\n* <img src=x onerror=alert(1)>",
      "\xC0<script>alert(1)</script>",
      "\xEF\xBB\xBF<script>alert(1)</script>",
  };
  for (const auto& md : attacks) {
    const std::string html = RenderMarkdown(md);
    const std::string lower = Lower(html);
    EXPECT_EQ(UnsafeReason(html), "") << "input: " << md << "\noutput: " << html;
    EXPECT_EQ(lower.find("<script"), std::string::npos) << html;
    EXPECT_EQ(lower.find("<iframe"), std::string::npos) << html;
    EXPECT_EQ(lower.find("href=\"javascript:"), std::string::npos) << html;
    // Escaped text may say "onerror=" harmlessly; inside a tag it would be an attribute.
    EXPECT_EQ(Markup(lower).find("onerror"), std::string::npos) << html;
  }
}

TEST(MarkdownTest, RawHtmlIsOmitted) {
  EXPECT_EQ(RenderMarkdown("<b>bold</b>"), "<p><!-- raw HTML omitted -->bold<!-- raw HTML omitted --></p>\n");
  EXPECT_EQ(RenderMarkdown("<div>\nblock\n</div>"), "<!-- raw HTML omitted -->\n");
  EXPECT_EQ(RenderMarkdown("1 < 2 & 3 > 2"), "<p>1 &lt; 2 &amp; 3 &gt; 2</p>\n");
}

TEST(MarkdownTest, UnsafeLinksLoseTheirUrlButKeepTheirText) {
  EXPECT_EQ(RenderMarkdown("[click](javascript:alert(1))"), "<p><a href=\"\">click</a></p>\n");
}

TEST(MarkdownTest, GfmExtensionsAreOn) {
  const std::string table = RenderMarkdown("| a | b |\n|---|:-:|\n| 1 | 2 |");
  EXPECT_NE(table.find("<table>"), std::string::npos) << table;
  EXPECT_NE(table.find("<td align=\"center\">2</td>"), std::string::npos) << table;
  EXPECT_EQ(RenderMarkdown("~~gone~~"), "<p><del>gone</del></p>\n");
  EXPECT_EQ(RenderMarkdown("see www.example.com"),
            "<p>see <a href=\"http://www.example.com\">www.example.com</a></p>\n");
  EXPECT_EQ(
      RenderMarkdown("see https://example.com/a?b=1&c=2"),
      "<p>see <a href=\"https://example.com/a?b=1&amp;c=2\">https://example.com/a?b=1&amp;c=2</a></p>\n");
  const std::string tasks = RenderMarkdown("- [ ] todo\n- [x] done");
  EXPECT_NE(tasks.find("<input type=\"checkbox\" disabled=\"\" /> todo"), std::string::npos) << tasks;
  EXPECT_NE(tasks.find("<input type=\"checkbox\" checked=\"\" disabled=\"\" /> done"), std::string::npos)
      << tasks;
  for (const std::string& html : {table, tasks}) EXPECT_EQ(UnsafeReason(html), "") << html;
}

TEST(MarkdownTest, OrdinaryMarkdown) {
  EXPECT_EQ(RenderMarkdown(""), "");
  EXPECT_EQ(RenderMarkdown("# Titre\n\n*é* **b** `c`"),
            "<h1>Titre</h1>\n<p><em>é</em> <strong>b</strong> <code>c</code></p>\n");
  EXPECT_EQ(RenderMarkdown("[doc](https://example.com/x \"T\")"),
            "<p><a href=\"https://example.com/x\" title=\"T\">doc</a></p>\n");
  EXPECT_EQ(RenderMarkdown("![logo](data:image/png;base64,AAAA)"),
            "<p><img src=\"data:image/png;base64,AAAA\" alt=\"logo\" /></p>\n");
}

TEST(MarkdownTest, InvalidUtf8IsReplaced) {
  EXPECT_EQ(RenderMarkdown("a\xFF"
                           "b"),
            "<p>a\xEF\xBF\xBD"
            "b</p>\n");
  EXPECT_EQ(RenderMarkdown(std::string("a\0b", 3)),
            "<p>a\xEF\xBF\xBD"
            "b</p>\n");
}

TEST(MarkdownTest, ConcurrentRendering) {
  // The first call registers the extensions; racing first calls must still all see them.
  std::vector<std::thread> threads;
  std::vector<std::string> out(4);
  for (size_t t = 0; t < out.size(); ++t)
    threads.emplace_back([t, &out] {
      for (int i = 0; i < 50; ++i)
        out[t] = RenderMarkdown("~~x~~\n\n| a |\n|---|\n| " + std::to_string(i) + " |");
    });
  for (auto& th : threads) th.join();
  for (const auto& html : out) {
    EXPECT_NE(html.find("<del>x</del>"), std::string::npos) << html;
    EXPECT_NE(html.find("<td>49</td>"), std::string::npos) << html;
  }
}

}  // namespace
}  // namespace boucle
