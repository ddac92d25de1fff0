#include "notify/notify.hpp"

#include "record/describe.hpp"
#include "record/json_access.hpp"
#include "text/utf8.hpp"

namespace boucle {
namespace {

Result<Json> MarkRead(ActionContext& ctx, const Json& notification) {
  if (!notification["read_at"].is_null()) return notification;
  return ctx.Update(kNotificationType, IntOr(notification, "id"), {{"read_at", FormatTime(ctx.Now())}});
}

// "Everything up to here is read": the client names the newest notification it has shown, so that
// one arriving meanwhile stays unread.
Result<Json> MarkAllRead(ActionContext& ctx, const Json& notification, const Json&) {
  std::multimap<std::string, std::string> filters{{"read_at__null", "true"},
                                                  {"id__lte", std::to_string(IntOr(notification, "id"))}};
  if (notification["recipient"].is_number_integer())
    filters.emplace("recipient", std::to_string(IntOr(notification, "recipient")));
  else
    filters.emplace("id", std::to_string(IntOr(notification, "id")));
  auto unread = ctx.All(kNotificationType, filters);
  if (!unread) return Fail(unread.error());
  for (const auto& n : *unread)
    if (auto done = MarkRead(ctx, n); !done) return Fail(done.error());
  return Json{{"marked", unread->size()}};
}

}  // namespace

Result<Json> Notify(ActionContext& ctx, const Notice& notice) {
  auto existing = ctx.FindOne(kNotificationType, "key", notice.key);
  if (!existing) return existing;
  if (!existing->is_null()) return existing;
  std::string lang = notice.lang;
  if (lang.empty()) {
    auto user = ctx.Lookup("users", notice.recipient);
    if (!user) return Fail(user.error());
    lang = TextOr(*user, "language", "fr");
  }
  const bool en = lang == "en";
  Json body{{"key", notice.key},
            {"recipient", notice.recipient},
            {"title", Utf8Prefix(en ? notice.title.en : notice.title.fr, 200)},
            {"text", Utf8Prefix(en ? notice.text.en : notice.text.fr, 2000)}};
  if (!notice.about_type.empty()) {
    body["about_type"] = notice.about_type;
    body["about_id"] = notice.about_id;
  }
  return ctx.CreateAsSystem(kNotificationType, body);
}

void RegisterNotificationType(Registry& registry) {
  registry.Add(
      Describe(kNotificationType)
          .Labels({"Notifications", "Notifications"}, {"Notification", "Notification"})
          .In(Area::kPlatform)
          .Title("title")
          .SortBy("-id")
          .Read(RoleSet::All())
          // The domain notifies on a writer's behalf (ActionContext::CreateAsSystem); every field is
          // computed, so an administrator's own POST or anyone's PATCH changes nothing that matters.
          .Create({Role::kAdmin})
          .Update(RoleSet::All())
          .Delete({Role::kAdmin})
          .OwnedThrough("recipient", "", "")
          .OwnedByEveryRole()
          .Ref("recipient", {"Destinataire", "Recipient"}, "users", {.filter = true, .computed = true})
          .Text("key", {"Clé d'unicité", "Idempotency key"}, {.computed = true, .max = 200, .unique = true})
          .Text("title", {"Titre", "Title"}, {.search = true, .list = true, .computed = true, .max = 200})
          .Text("text", {"Texte", "Text"}, {.computed = true, .max = 2000})
          .Text("about_type", {"À propos de (type)", "About (type)"},
                {.filter = true, .computed = true, .max = 64})
          .Integer("about_id", {"À propos de (n°)", "About (no.)"}, {.filter = true, .computed = true})
          .DateTime("read_at", {"Lue le", "Read at"},
                    {.filter = true, .sort = true, .list = true, .computed = true})
          // The bell counts the unread of one person on every page it polls.
          .Index({"recipient", "read_at"})
          .Action("read", {"Marquer comme lue", "Mark as read"}, RoleSet::All(), Describe("read"),
                  [](ActionContext& ctx, const Json& n, const Json&) { return MarkRead(ctx, n); })
          .Action("read_all", {"Tout marquer comme lu", "Mark all as read"}, RoleSet::All(),
                  Describe("read_all"), MarkAllRead)
          .Build());
}

}  // namespace boucle
