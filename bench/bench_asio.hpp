#pragma once
// The Boost.Asio / Beast headers of the bench tools. Boost 1.74's awaitable.hpp uses std::exchange
// without including <utility>, so it comes first (clang-format must not reorder this block).
// clang-format off
#include <utility>

#include <boost/asio.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
// clang-format on
