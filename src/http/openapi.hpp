#pragma once
// The OpenAPI 3.1 document served at /api/v1/openapi.json. It is built from the registry, like the
// routes themselves, so the web client generated from it cannot drift from what the server accepts.
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "record/registry.hpp"

namespace boucle {

// Component schema names of a record type: "tickets" -> "Tickets", "Tickets" + "Create" / "Update" /
// "List". The type's name, not its label, so that names stay ASCII and stable across translations.
std::string OpenApiSchemaName(std::string_view type_name);

// Paths: session, meta, openapi.json, healthz, metrics, audit, and per type list, create, get,
// update, delete, history, trace and count. Each operation carries `x-roles`: the role names allowed.
// Never throws for a registry that passed Validate().
nlohmann::json BuildOpenApi(const Registry& registry, std::string_view version);

}  // namespace boucle
