#include "jobs/outbox.hpp"

#include "record/describe.hpp"
#include "text/utf8.hpp"

namespace boucle {

Result<Json> Enqueue(ActionContext& ctx, const Job& job) {
  auto existing = ctx.FindOne(kOutboxType, "idempotency_key", job.idempotency_key);
  if (!existing) return existing;
  if (!existing->is_null()) return existing;
  return ctx.CreateAsSystem(kOutboxType, {{"kind", job.kind},
                                          {"idempotency_key", job.idempotency_key},
                                          {"payload", job.payload.dump()},
                                          {"summary", Utf8Prefix(job.summary, 200)},
                                          {"due_at", FormatTime(job.due_at)}});
}

void RegisterJobTypes(Registry& registry) {
  const RoleSet admin{Role::kAdmin};
  registry.Add(
      Describe(kOutboxType)
          .Labels({"File d'envoi", "Outbox"}, {"Tâche d'envoi", "Outbox job"})
          .In(Area::kPlatform)
          .Title("summary")
          .SortBy("-id")
          .Read(admin)
          // Actions enqueue on their caller's behalf (ActionContext::CreateAsSystem); every field but
          // the status is computed, so even an administrator's own POST makes an inert row.
          .Create(admin)
          .Update(admin)
          .Delete(admin)
          .Text("summary", {"Objet", "Summary"}, {.search = true, .list = true, .computed = true, .max = 200})
          .Text("kind", {"Nature", "Kind"},
                {.filter = true, .list = true, .computed = true, .def = "", .max = 64})
          .Text("idempotency_key", {"Clé d'unicité", "Idempotency key"},
                {.filter = true, .computed = true, .max = 200, .unique = true})
          .Enum("status", {"Statut", "Status"},
                {{"pending", {"En attente", "Pending"}},
                 {"sending", {"En cours d'envoi", "Sending"}},
                 {"sent", {"Envoyé", "Sent"}},
                 {"failed", {"En échec", "Failed"}},
                 {"cancelled", {"Annulé", "Cancelled"}}},
                {.required = true, .filter = true, .list = true, .def = "pending"})
          .DateTime("due_at", {"À faire le", "Due at"},
                    {.filter = true, .sort = true, .list = true, .computed = true})
          .Integer("attempts", {"Tentatives", "Attempts"},
                   {.filter = true, .list = true, .computed = true, .def = 0})
          .Text("last_error", {"Dernière erreur", "Last error"}, {.computed = true, .max = 1000})
          .DateTime("done_at", {"Fait le", "Done at"}, {.filter = true, .sort = true, .computed = true})
          .Text("payload", {"Contenu", "Payload"}, {.computed = true, .max = 200000})
          .Build());
}

}  // namespace boucle
