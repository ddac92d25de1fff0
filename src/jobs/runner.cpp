#include "jobs/runner.hpp"

#include <spdlog/spdlog.h>

#include "i18n/messages.hpp"
#include "jobs/outbox.hpp"
#include "text/utf8.hpp"

namespace boucle {
namespace {

Json ParsePayload(const Json& job) {
  if (!job["payload"].is_string()) return Json::object();
  Json p = Json::parse(job["payload"].get<std::string>(), nullptr, false);
  return p.is_discarded() ? Json::object() : p;
}

std::string ErrorText(const Error& e) {
  std::string text = MessageFor(e, "en");
  if (e.params.contains("detail")) text += ": " + e.params["detail"].dump();
  return Utf8Prefix(text, 1000);
}

}  // namespace

JobRunner::JobRunner(RecordService& records, JobOptions options) : records_(records), options_(options) {}

JobRunner::~JobRunner() { Stop(); }

void JobRunner::Handle(std::string kind, JobHandler handler) {
  handlers_[std::move(kind)] = std::move(handler);
}

void JobRunner::Every(std::string name, std::chrono::seconds period, std::function<Status()> task) {
  periodic_.push_back({std::move(name), period, std::move(task), std::chrono::steady_clock::now()});
}

Status JobRunner::RecoverInterrupted() {
  const Actor system = Actor::System();
  const std::string now = FormatTime(records_.clock().Now());
  auto stuck =
      records_.List(system, kOutboxType, {{"status", "sending"}, {"due_at__lte", now}, {"limit", "100"}});
  if (!stuck) return Fail(stuck.error());
  for (const auto& job : stuck->items) {
    spdlog::warn("outbox job {} was interrupted while running: marked failed, not run again",
                 job["id"].dump());
    auto r = records_.Update(system, kOutboxType, job["id"].get<int64_t>(),
                             {{"status", "failed"},
                              {"last_error",
                               "interrupted while running; not retried so that it "
                               "cannot happen twice (set it back to pending to retry)"}},
                             job["version"].get<int64_t>());
    if (!r && r.error().kind != ErrorKind::kConflict) return Fail(r.error());
  }
  return {};
}

Result<bool> JobRunner::RunOne(const Json& job, JobPass& pass) {
  const Actor system = Actor::System();
  const int64_t id = job["id"].get<int64_t>();
  const auto handler = handlers_.find(job["kind"].get<std::string>());
  const TimePoint now = records_.clock().Now();
  const int64_t attempts = job.value("attempts", int64_t{0}) + 1;
  // Claim it first: if we crash while the handler runs, the job stays "sending" and is never re-run.
  auto claimed = records_.Update(
      system, kOutboxType, id,
      {{"status", "sending"}, {"attempts", attempts}, {"due_at", FormatTime(now + options_.claim_lease)}},
      job["version"].get<int64_t>());
  if (!claimed) {
    if (claimed.error().kind == ErrorKind::kConflict) return false;  // someone else took it
    return Fail(claimed.error());
  }
  auto done = handler->second(ParsePayload(job), job.value("idempotency_key", std::string()));
  const TimePoint after = records_.clock().Now();
  Json changes;
  if (done) {
    changes = {{"status", "sent"},
               {"done_at", FormatTime(after)},
               {"last_error", nullptr},
               {"payload", done->dump()}};
    ++pass.sent;
  } else if (attempts >= options_.max_attempts) {
    changes = {{"status", "failed"}, {"last_error", ErrorText(done.error())}};
    ++pass.given_up;
  } else {
    auto delay = options_.first_retry * (int64_t{1} << std::min<int64_t>(attempts - 1, 20));
    if (delay > options_.max_retry) delay = options_.max_retry;
    changes = {{"status", "pending"},
               {"due_at", FormatTime(after + delay)},
               {"last_error", ErrorText(done.error())}};
    ++pass.failed;
  }
  auto marked = records_.Update(system, kOutboxType, id, changes, (*claimed)["version"].get<int64_t>());
  if (!marked) return Fail(marked.error());
  return true;
}

Result<JobPass> JobRunner::RunDue() {
  JobPass pass;
  if (auto st = RecoverInterrupted(); !st) return Fail(st.error());
  if (handlers_.empty()) return pass;
  std::string kinds;
  for (const auto& [kind, h] : handlers_) kinds += (kinds.empty() ? "" : ",") + kind;
  auto due = records_.List(Actor::System(), kOutboxType,
                           {{"status", "pending"},
                            {"kind__in", kinds},
                            {"due_at__lte", FormatTime(records_.clock().Now())},
                            {"sort", "due_at"},
                            {"limit", std::to_string(options_.batch)}});
  if (!due) return Fail(due.error());
  for (const auto& job : due->items) {
    auto r = RunOne(job, pass);
    if (!r) return Fail(r.error());
  }
  return pass;
}

Status JobRunner::RunPeriodic() {
  for (auto& p : periodic_)
    if (auto st = p.task(); !st) return st;
  return {};
}

void JobRunner::Start() {
  stop_ = false;
  thread_ = std::thread([this] { Loop(); });
}

void JobRunner::Stop() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void JobRunner::Wake() {
  {
    std::lock_guard lock(mutex_);
    woken_ = true;
  }
  wake_.notify_all();
}

void JobRunner::Loop() {
  for (;;) {
    for (auto& p : periodic_) {
      if (std::chrono::steady_clock::now() < p.next) continue;
      p.next = std::chrono::steady_clock::now() + p.period;
      if (auto st = p.task(); !st)
        spdlog::error("periodic task {} failed: {}", p.name, ErrorText(st.error()));
    }
    // A full batch means more may be due: go again at once.
    bool more = false;
    if (auto pass = RunDue(); !pass) {
      spdlog::error("outbox pass failed: {}", ErrorText(pass.error()));
    } else {
      more = pass->sent + pass->failed + pass->given_up >= options_.batch;
      if (pass->sent + pass->failed + pass->given_up)
        spdlog::info("outbox: {} done, {} to retry, {} failed", pass->sent, pass->failed, pass->given_up);
    }
    std::unique_lock lock(mutex_);
    if (!more) wake_.wait_for(lock, options_.poll, [&] { return stop_ || woken_; });
    woken_ = false;
    if (stop_) return;
  }
}

}  // namespace boucle
