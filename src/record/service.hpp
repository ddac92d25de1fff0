#pragma once
// The one generic path for every record type: create, read, list, update, delete, history,
// links and traces. Role checks, validation, hooks, history and optimistic locking happen here,
// once; HTTP, the CLI and demo data all go through it.
#include <functional>
#include <map>
#include <optional>
#include <string>

#include "core/clock.hpp"
#include "record/decode.hpp"
#include "record/actor.hpp"
#include "record/registry.hpp"
#include "store/store.hpp"

namespace boucle {

// Query-string style parameters of a list: filters (field=value, field__gte=..., field__in=a,b),
// sort (-field), limit, offset, q (full text).
using ListParams = std::multimap<std::string, std::string>;

// `public_view`: parse without the caller's row scope (see ReportContext::AllForPublicView).
using ListQueryParser = std::function<Result<ListQuery>(const TypeSpec&, const ListParams&, bool public_view)>;

struct TraceGraph {
  Json nodes = Json::array();  // {type, id, title, depth}
  Json edges = Json::array();  // {id, from_type, from_id, kind, to_type, to_id}
};

class RecordService {
 public:
  RecordService(const Registry& registry, Store& store, const Clock& clock)
      : registry_(registry), store_(store), clock_(clock) {}

  Result<Json> Create(const Actor& who, const std::string& type, const Json& body);
  // `expected_version` comes from If-Match when the caller had one; otherwise from body["version"].
  Result<Json> Update(const Actor& who, const std::string& type, int64_t id, const Json& body,
                      std::optional<int64_t> if_match = std::nullopt);
  Result<Json> Get(const Actor& who, const std::string& type, int64_t id);
  Result<Page> List(const Actor& who, const std::string& type, const ListParams& params);
  // A record or a page with the display titles of every record they refer to
  // ({"users": {"3": "Alice Martin"}, ...}), read in one transaction.
  Result<Json> GetWithTitles(const Actor& who, const std::string& type, int64_t id);
  Result<std::pair<Page, Json>> ListWithTitles(const Actor& who, const std::string& type, const ListParams& params);
  // Every matching record (all pages, same filters, sort and scope as List) with titles, in one
  // read transaction; kTooLarge naming the count when more than `max_rows` match (an export).
  Result<std::pair<Page, Json>> ListAllWithTitles(const Actor& who, const std::string& type, const ListParams& params,
                                                  int64_t max_rows);
  static std::string TitleOf(const TypeSpec& type, const Json& record);
  Status Delete(const Actor& who, const std::string& type, int64_t id);
  Result<Json> History(const Actor& who, const std::string& type, int64_t id);
  // Every change of `field` over all records of `type` (see Tx::FieldHistory), for analyses over
  // the whole table: only for actors who see every row of it (not end users).
  Result<std::vector<HistoryEntry>> FieldHistory(const Actor& who, const std::string& type, const std::string& field,
                                                 int64_t limit);
  // Follows typed links in both directions from one record, up to `max_depth` hops.
  Result<TraceGraph> Trace(const Actor& who, const std::string& type, int64_t id, int max_depth = 6);
  // Runs a described action on one record, in one transaction with everything it writes.
  Result<Json> RunAction(const Actor& who, const std::string& type, int64_t id, const std::string& action,
                         const Json& body);

  // Computes a described report over what the caller may see, in one read transaction.
  Result<Json> RunReport(const Actor& who, const std::string& name, const ListParams& params);

  // Reads or submits a public form (see record/public_form.hpp) as the system actor speaking
  // `lang`, in one transaction with everything it writes.
  Result<Json> ReadPublicForm(const std::string& name, const std::string& key, const std::string& lang);
  Result<Json> SubmitPublicForm(const std::string& name, const std::string& key, const Json& body,
                                const std::string& lang);

  // Counts of records per value of one field, for dashboards; same filters as List.
  Result<std::vector<GroupCount>> Count(const Actor& who, const std::string& type, const std::string& field,
                                        const ListParams& params);

  // Aggregates (KPIs) over the records of `type` the caller may read, within their row scope, in
  // one read transaction; see store/aggregate.hpp.
  Result<std::vector<std::optional<double>>> Aggregate(const Actor& who, const std::string& type,
                                                       std::vector<AggregateQuery> queries);
  Result<std::vector<AggregateRow>> AggregateGroups(const Actor& who, const std::string& type, AggregateQuery query);
  // The filters of list query parameters (same syntax and checks as List; no sort, paging or text).
  Result<std::vector<Filter>> ParseFilters(const Actor& who, const std::string& type, const ListParams& params) const;

  // The same operations inside a transaction the caller already holds (bulk loads, imports).
  Result<Json> CreateIn(Tx& tx, const Actor& who, const std::string& type, const Json& body,
                        Origin origin = Origin::kClient);
  Result<Json> UpdateIn(Tx& tx, const Actor& who, const std::string& type, int64_t id, const Json& body,
                        std::optional<int64_t> if_match, Origin origin = Origin::kClient);
  Result<Json> RunActionIn(Tx& tx, const Actor& who, const std::string& type, int64_t id, const std::string& action,
                           const Json& body);

  // Parses list parameters (filters, sort, limit) of `spec` as `who` may use them.
  Result<ListQuery> ParseList(const Actor& who, const TypeSpec& spec, const ListParams& params) const;

  const Registry& registry() const { return registry_; }
  const Clock& clock() const { return clock_; }
  void set_clock(const Clock& clock) { clock_ = std::cref(clock); }

 private:
  Result<const TypeSpec*> Resolve(const std::string& type) const;
  // The type, if the actor's role may read it.
  Result<const TypeSpec*> Readable(const Actor& who, const std::string& type) const;
  // The record, if it exists and lies in the actor's scope; NotFound otherwise (never a leak).
  Result<Json> Visible(Tx& tx, const Actor& who, const TypeSpec& type, int64_t id) const;
  Result<Json> TitlesIn(Tx& tx, const TypeSpec& type, const std::vector<Json>& items);

  const Registry& registry_;
  Store& store_;
  std::reference_wrapper<const Clock> clock_;
};

}  // namespace boucle
