#pragma once
// Errors travel as values between layers; exceptions stay at the edges (library adapters, main).
#include <expected>

#include "core/error.hpp"

namespace boucle {

template <typename T>
using Result = std::expected<T, Error>;

using Status = std::expected<void, Error>;

inline std::unexpected<Error> Fail(Error e) { return std::unexpected<Error>(std::move(e)); }

}  // namespace boucle
