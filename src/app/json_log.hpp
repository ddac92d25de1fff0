#pragma once
// Log lines as JSON objects, one per line, for collectors (Loki, Elastic, journald with a parser):
// {"time":"2026-03-02T09:00:00.123Z","level":"info","logger":"boucle","msg":"..."}.
#include <memory>

#include <spdlog/formatter.h>

namespace boucle {

std::unique_ptr<spdlog::formatter> JsonLogFormatter();

}  // namespace boucle
