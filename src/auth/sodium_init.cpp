#include "auth/sodium_init.hpp"

#include <sodium.h>

#include <cstdio>
#include <cstdlib>
#include <mutex>

namespace boucle {

void EnsureSodium() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (sodium_init() < 0) {
      std::fputs("boucle: libsodium failed to initialise\n", stderr);
      std::abort();
    }
  });
}

}  // namespace boucle
