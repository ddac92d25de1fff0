#pragma once
// Markdown fields (ticket descriptions, resolutions) are written by any user and shown to staff:
// rendering must never let one user run script in another's browser.
#include <string>
#include <string_view>

namespace boucle {

// GitHub-flavoured Markdown (tables, strikethrough, autolinks, task lists) to an HTML fragment.
// Raw HTML is never passed through (it becomes "<!-- raw HTML omitted -->"), links and images with
// script-capable schemes (javascript:, vbscript:, file:, data: other than png/gif/jpeg/webp images)
// get an empty URL, and invalid UTF-8 is replaced. Returns an empty string only if cmark runs out
// of memory.
std::string RenderMarkdown(std::string_view markdown);

}  // namespace boucle
