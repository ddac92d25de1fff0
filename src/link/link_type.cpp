#include "link/link_type.hpp"

#include "record/actor.hpp"
#include "record/describe.hpp"

namespace boucle {
namespace {

Status CheckEndpoint(HookContext& ctx, const Json& link, const std::string& side) {
  const auto& type = link.at(side + "_type");
  const auto& id = link.at(side + "_id");
  auto found = ctx.Lookup(type.get<std::string>(), id.get<int64_t>());
  if (!found) {
    auto e = found.error();
    if (e.kind == ErrorKind::kNotFound || e.code == "type.unknown") {
      e.kind = ErrorKind::kInvalid;
      e.field = e.code == "type.unknown" ? side + "_type" : side + "_id";
      e.code = e.code == "type.unknown" ? "link.unknown_type" : "field.ref_missing";
    }
    return Fail(e);
  }
  return {};
}

}  // namespace

void RegisterLinkType(Registry& registry) {
  const RoleSet editors{Role::kAdmin, Role::kAgent, Role::kTeamLead, Role::kDeveloper};
  registry.Add(Describe("links")
                   .Labels({"Liens", "Links"}, {"Lien", "Link"})
                   .In(Area::kPlatform)
                   .Title("kind")
                   .Read(RoleSet::Staff())
                   .Create(editors)
                   .Update(editors)
                   .Delete(editors)
                   .Text("from_type", {"Type d'origine", "From type"},
                         {.required = true, .filter = true, .list = true, .max = 64})
                   .Integer("from_id", {"Origine", "From"}, {.required = true, .filter = true, .list = true, .min = 1})
                   .Enum("kind", {"Nature du lien", "Link kind"},
                         {{"originates_from", {"provient de", "originates from"}},
                          {"measured_by", {"mesurée par", "measured by"}},
                          {"implements", {"met en œuvre", "implements"}},
                          {"relates_to", {"en rapport avec", "relates to"}},
                          {"duplicates", {"doublon de", "duplicates"}},
                          {"caused_by", {"causé par", "caused by"}}},
                         {.required = true, .filter = true, .list = true})
                   .Text("to_type", {"Type de destination", "To type"},
                         {.required = true, .filter = true, .list = true, .max = 64})
                   .Integer("to_id", {"Destination", "To"}, {.required = true, .filter = true, .list = true, .min = 1})
                   .Text("note", {"Note", "Note"}, {.max = 500})
                   .Hook([](HookContext& ctx, Json& next, const Json*) -> Status {
                     if (auto st = CheckEndpoint(ctx, next, "from"); !st) return st;
                     if (auto st = CheckEndpoint(ctx, next, "to"); !st) return st;
                     if (next["from_type"] == next["to_type"] && next["from_id"] == next["to_id"])
                       return Fail(Error::Invalid("link.self", "to_id"));
                     return {};
                   })
                   .Build());
}

}  // namespace boucle
