#pragma once

namespace boucle {
// Initialises libsodium once per process, before any hash or random call: it picks the fastest
// implementations and seeds the generator. Aborts when it cannot, since predictable tokens or
// unchecked passwords would be worse than stopping.
void EnsureSodium();
}  // namespace boucle
