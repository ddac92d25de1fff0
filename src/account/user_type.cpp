#include "account/user_type.hpp"

#include "record/describe.hpp"

namespace boucle {

void RegisterUserType(Registry& registry) {
  registry.Add(Describe("users")
                   .Labels({"Utilisateurs", "Users"}, {"Utilisateur", "User"})
                   .In(Area::kPlatform)
                   .Title("display_name")
                   .SortBy("login")
                   .Read(RoleSet::All())
                   .Create({Role::kAdmin})
                   .Update({Role::kAdmin})
                   .Delete({Role::kAdmin})
                   .OwnedThrough("id", "", "")
                   .Text("login", {"Identifiant", "Login"},
                         {.required = true, .filter = true, .sort = true, .search = true, .list = true,
                          .min = 2, .max = 64, .unique = true})
                   .Text("display_name", {"Nom affiché", "Display name"},
                         {.required = true, .sort = true, .search = true, .list = true, .max = 120})
                   .Text("email", {"Courriel", "Email"}, {.search = true, .max = 254})
                   .Enum("role", {"Rôle", "Role"},
                         {{"admin", {"Administrateur", "Administrator"}},
                          {"agent", {"Agent de support", "Support agent"}},
                          {"team_lead", {"Responsable d'équipe", "Team lead"}},
                          {"finance", {"Finance", "Finance"}},
                          {"developer", {"Développeur", "Developer"}},
                          {"end_user", {"Utilisateur final", "End user"}}},
                         {.required = true, .filter = true, .list = true})
                   .Text("job_title", {"Fonction", "Job title"}, {.list = true, .max = 120})
                   .Enum("language", {"Langue", "Language"},
                         {{"fr", {"Français", "French"}}, {"en", {"Anglais", "English"}}},
                         {.def = "fr"})
                   .Boolean("active", {"Actif", "Active"}, {.filter = true, .def = true})
                   .Build());
}

}  // namespace boucle
