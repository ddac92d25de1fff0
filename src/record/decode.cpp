#include "record/decode.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace boucle {
namespace {

// The largest integer a JSON number carries exactly in every client (JavaScript included).
constexpr double kMaxSafeInteger = 9007199254740991.0;

bool IsMeta(const std::string& key) {
  return key == "id" || key == "created_at" || key == "updated_at" || key == "created_by";
}

std::optional<Error> CheckBounds(const FieldSpec& f, double value) {
  const double lo = f.min.value_or(-kMaxSafeInteger), hi = f.max.value_or(kMaxSafeInteger);
  if (value < lo || value > hi) return Error::Invalid("field.out_of_range", f.name, {{"min", lo}, {"max", hi}});
  return std::nullopt;
}

// Beyond 64 bits a JSON integer arrives as a float: still an out-of-range integer, not a type error.
bool TooBig(const Json& v) {
  if (v.is_number_unsigned()) return v.get<uint64_t>() > static_cast<uint64_t>(kMaxSafeInteger);
  if (v.is_number_float()) return std::fabs(v.get<double>()) > kMaxSafeInteger;
  return false;
}

std::optional<Error> IntegerValue(const FieldSpec& f, const Json& v, const std::string& path, Json& out) {
  if (TooBig(v))
    return Error::Invalid("field.out_of_range", path, {{"min", f.min.value_or(-kMaxSafeInteger)}, {"max", f.max.value_or(kMaxSafeInteger)}});
  if (!v.is_number_integer()) return Error::Invalid("field.type", path, {{"expected", "integer"}});
  const auto n = v.get<int64_t>();
  if (auto e = CheckBounds(f, static_cast<double>(n))) {
    e->field = path;
    return e;
  }
  out = n;
  return std::nullopt;
}

std::optional<Error> RefValue(const Json& v, const std::string& path, Json& out) {
  if (TooBig(v)) return Error::Invalid("field.out_of_range", path, {{"min", 1}, {"max", kMaxSafeInteger}});
  if (!v.is_number_integer()) return Error::Invalid("field.type", path, {{"expected", "id"}});
  if (v.get<int64_t>() < 1) return Error::Invalid("field.ref_missing", path);
  out = v.get<int64_t>();
  return std::nullopt;
}

std::optional<Error> FieldValue(const FieldSpec& f, const Json& v, Json& out) {
  switch (f.kind) {
    case FieldKind::kText:
    case FieldKind::kMarkdown: {
      if (!v.is_string()) return Error::Invalid("field.type", f.name, {{"expected", "string"}});
      const auto& s = v.get_ref<const std::string&>();
      if (f.kind == FieldKind::kText && s.find('\0') != std::string::npos)
        return Error::Invalid("field.control_character", f.name);
      const auto len = static_cast<double>(Utf8Length(s));
      if (f.min && len < *f.min) return Error::Invalid("field.too_short", f.name, {{"min", *f.min}});
      if (f.max && len > *f.max) return Error::Invalid("field.too_long", f.name, {{"max", *f.max}});
      if (f.pattern_regex && !std::regex_match(s, *f.pattern_regex))
        return Error::Invalid("field.pattern", f.name, {{"example", f.example.is_null() ? Json("") : f.example}});
      out = v;
      return std::nullopt;
    }
    case FieldKind::kInteger: return IntegerValue(f, v, f.name, out);
    case FieldKind::kDecimal: {
      if (!v.is_number()) return Error::Invalid("field.type", f.name, {{"expected", "number"}});
      const double d = v.get<double>();
      if (!std::isfinite(d)) return Error::Invalid("field.out_of_range", f.name);
      if (auto e = CheckBounds(f, d)) return e;
      out = d;
      return std::nullopt;
    }
    case FieldKind::kBoolean:
      if (!v.is_boolean()) return Error::Invalid("field.type", f.name, {{"expected", "boolean"}});
      out = v;
      return std::nullopt;
    case FieldKind::kDateTime: {
      if (!v.is_string()) return Error::Invalid("field.type", f.name, {{"expected", "date-time"}});
      auto t = ParseTime(v.get_ref<const std::string&>());
      if (!t) return Error::Invalid("field.date_format", f.name);
      out = FormatTime(*t);
      return std::nullopt;
    }
    case FieldKind::kEnum: {
      if (!v.is_string() || !f.FindOption(v.get_ref<const std::string&>())) {
        Json allowed = Json::array();
        for (const auto& o : f.options) allowed.push_back(o.id);
        return Error::Invalid("field.invalid_choice", f.name, {{"allowed", allowed}});
      }
      out = v;
      return std::nullopt;
    }
    case FieldKind::kRef: return RefValue(v, f.name, out);
    case FieldKind::kRefList: {
      if (!v.is_array()) return Error::Invalid("field.type", f.name, {{"expected", "array"}});
      if (v.size() > 1000) return Error::Invalid("field.too_long", f.name, {{"max", 1000}});
      Json ids = Json::array();
      for (size_t i = 0; i < v.size(); ++i) {
        Json id;
        if (auto e = RefValue(v[i], f.name + "[" + std::to_string(i) + "]", id)) return e;
        if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
      }
      out = std::move(ids);
      return std::nullopt;
    }
  }
  return std::nullopt;
}

}  // namespace

size_t Utf8Length(const std::string& s) {
  return static_cast<size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

Result<Json> Decode(const TypeSpec& type, const Json& body, const Actor& who, DecodeMode mode, Origin origin) {
  if (!body.is_object()) return Fail(Error::Invalid("body.not_object", "body"));
  std::vector<Error> errors;
  Json out = Json::object();
  for (const auto& [key, value] : body.items()) {
    if (key == "version") continue;
    const FieldSpec* f = type.Field(key);
    // Imports (the system actor) keep the source's own computed values, such as its SLA verdict;
    // actions set the computed fields they own.
    const bool keeps_source_values = (who.user_id == 0 || origin == Origin::kRule) && f && f->computed;
    if (IsMeta(key) || (f && f->computed && !keeps_source_values)) {
      errors.push_back(Error::Invalid("field.read_only", key));
      continue;
    }
    if (!f) {
      errors.push_back(Error::Invalid("field.unknown", key));
      continue;
    }
    if (!f->write_roles.Has(who.role)) {
      errors.push_back(Error{ErrorKind::kForbidden, "field.forbidden", key, Json::object(), {}});
      continue;
    }
    if (value.is_null()) {
      if (f->required) errors.push_back(Error::Invalid("field.required", key));
      else out[key] = f->kind == FieldKind::kRefList ? Json::array() : Json();
      continue;
    }
    Json normalised;
    if (auto e = FieldValue(*f, value, normalised)) errors.push_back(std::move(*e));
    else out[key] = std::move(normalised);
  }
  if (mode == DecodeMode::kCreate) {
    for (const auto& f : type.fields) {
      if (out.contains(f.name) || f.computed) continue;
      if (body.contains(f.name)) continue;  // already reported
      if (!f.default_value.is_null()) out[f.name] = f.default_value;
      else if (f.required) errors.push_back(Error::Invalid("field.required", f.name));
    }
  }
  if (!errors.empty()) {
    // A refused field outweighs a malformed one: report the most serious kind first.
    std::stable_sort(errors.begin(), errors.end(), [](const Error& a, const Error& b) {
      return a.kind == ErrorKind::kForbidden && b.kind != ErrorKind::kForbidden;
    });
    Error first = errors.front();
    first.details = std::move(errors);
    return Fail(std::move(first));
  }
  return out;
}

}  // namespace boucle
