#include "http/csv.hpp"

namespace boucle::http {
namespace {

const std::string& Pick(const Label& label, std::string_view lang) {
  return lang == "en" ? label.en : label.fr;
}

std::string Scalar(const Json& v) {
  if (v.is_null()) return "";
  if (v.is_string()) return CsvText(v.get_ref<const std::string&>());
  if (v.is_number()) return CsvNumber(v);
  return CsvText(v.dump());
}

std::string TitleOf(const Json& titles, const std::string& type, const Json& id) {
  const auto t = titles.find(type);
  if (t == titles.end() || !id.is_number_integer()) return "#" + id.dump();
  const auto found = t->find(std::to_string(id.get<int64_t>()));
  return found != t->end() && found->is_string() ? found->get<std::string>() : "#" + id.dump();
}

std::string FieldCell(const FieldSpec& f, const Json& v, const Json& titles, std::string_view lang) {
  if (v.is_null()) return "";
  switch (f.kind) {
    case FieldKind::kEnum: {
      const EnumOption* o = v.is_string() ? f.FindOption(v.get<std::string>()) : nullptr;
      return CsvText(o ? Pick(o->label, lang) : v.is_string() ? v.get<std::string>() : v.dump());
    }
    case FieldKind::kBoolean:
      return CsvText(v.is_boolean() && v.get<bool>() ? (lang == "en" ? "Yes" : "Oui")
                                                     : (lang == "en" ? "No" : "Non"));
    case FieldKind::kRef:
      return CsvText(TitleOf(titles, f.ref_type, v));
    case FieldKind::kRefList: {
      std::string joined;
      if (v.is_array())
        for (const auto& id : v) joined += (joined.empty() ? "" : "; ") + TitleOf(titles, f.ref_type, id);
      return CsvText(joined);
    }
    default:
      return Scalar(v);
  }
}

}  // namespace

std::string CsvText(std::string_view text) {
  std::string cell;
  if (!text.empty() && (text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@' ||
                        text[0] == '\t' || text[0] == '\r'))
    cell += '\'';
  cell += text;
  if (cell.find_first_of(",\"\r\n") == std::string::npos) return cell;
  std::string quoted = "\"";
  for (char c : cell) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + '"';
}

std::string CsvNumber(const Json& number) { return number.dump(); }

CsvWriter::CsvWriter() : out_("\xEF\xBB\xBF") {}

void CsvWriter::Row(const std::vector<std::string>& cells) {
  for (size_t i = 0; i < cells.size(); ++i) {
    if (i) out_ += ',';
    out_ += cells[i];
  }
  out_ += "\r\n";
}

std::string RecordsCsv(const TypeSpec& type, const std::vector<Json>& items, const Json& titles,
                       std::string_view lang) {
  CsvWriter csv;
  std::vector<std::string> head{"id"};
  for (const auto& f : type.fields) head.push_back(CsvText(Pick(f.label, lang)));
  head.push_back(CsvText(lang == "en" ? "Created at" : "Créé le"));
  head.push_back(CsvText(lang == "en" ? "Updated at" : "Modifié le"));
  csv.Row(head);
  for (const auto& item : items) {
    std::vector<std::string> row{Scalar(item.value("id", Json()))};
    for (const auto& f : type.fields) row.push_back(FieldCell(f, item.value(f.name, Json()), titles, lang));
    row.push_back(Scalar(item.value("created_at", Json())));
    row.push_back(Scalar(item.value("updated_at", Json())));
    csv.Row(row);
  }
  return csv.Text();
}

Result<bool> TakeCsvFormat(std::multimap<std::string, std::string>& query, std::string& lang) {
  bool csv = false;
  for (auto it = query.begin(); it != query.end();) {
    if (it->first == "format") {
      if (it->second != "csv" && it->second != "json")
        return Fail(Error::Invalid("field.invalid_choice", "format", {{"allowed", "json, csv"}}));
      csv = it->second == "csv";
    } else if (it->first == "lang") {
      if (it->second != "fr" && it->second != "en")
        return Fail(Error::Invalid("field.invalid_choice", "lang", {{"allowed", "fr, en"}}));
      lang = it->second;
    } else {
      ++it;
      continue;
    }
    it = query.erase(it);
  }
  return csv;
}

Response CsvResponse(std::string body, const std::string& name) {
  Response r;
  r.content_type = "text/csv; charset=utf-8";
  r.body = std::move(body);
  r.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + name + ".csv\"");
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

std::string ReportCsv(const Registry& registry, const ReportSpec& report, const Json& result,
                      std::string_view lang) {
  CsvWriter csv;
  std::vector<std::string> head;
  for (const auto& c : report.columns) head.push_back(CsvText(Pick(c.label, lang)));
  csv.Row(head);
  const Json rows = result.value("rows", Json::array());
  for (const auto& r : rows) {
    std::vector<std::string> row;
    for (const auto& c : report.columns) {
      const Json v = r.value(c.name, Json());
      // "enum:<type>.<field>" columns show the option's label, like the web table does.
      const FieldSpec* f = nullptr;
      if (c.kind.rfind("enum:", 0) == 0) {
        const auto dot = c.kind.find('.', 5);
        if (const TypeSpec* t = dot == std::string::npos ? nullptr : registry.Find(c.kind.substr(5, dot - 5)))
          f = t->Field(c.kind.substr(dot + 1));
      }
      row.push_back(f ? FieldCell(*f, v, Json::object(), lang) : Scalar(v));
    }
    csv.Row(row);
  }
  return csv.Text();
}

}  // namespace boucle::http
