#pragma once
// A small background runner inside `boucle serve`: it takes due outbox jobs, runs the handler of
// their kind, retries failures with exponential backoff up to a bound, and runs periodic tasks.
// At most once: a job is claimed (status "sending") in one transaction before its handler runs and
// marked done in another; a job found still claimed after a crash is marked failed for a person to
// look at rather than run again, so that nobody receives the same message twice.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "record/service.hpp"

namespace boucle {

struct JobOptions {
  int max_attempts = 6;
  std::chrono::seconds first_retry{30};  // doubles at each failure
  std::chrono::seconds max_retry{std::chrono::hours{2}};
  std::chrono::seconds claim_lease{std::chrono::minutes{10}};  // longer than any handler may take
  int batch = 50;
  std::chrono::milliseconds poll{500};
};

// Runs one job; an error is kept on the job and retried later. It returns what to keep of the
// payload once done (e.g. a mail without its body, which held a one-time link).
using JobHandler = std::function<Result<Json>(const Json& payload, const std::string& idempotency_key)>;

struct JobPass {
  int sent = 0;
  int failed = 0;    // failed this time, retried later
  int given_up = 0;  // failed for good (attempts exhausted or interrupted)
};

class JobRunner {
 public:
  JobRunner(RecordService& records, JobOptions options = {});
  ~JobRunner();

  void Handle(std::string kind, JobHandler handler);
  // A task run every `period` by the background thread (and by RunPeriodic in tests).
  void Every(std::string name, std::chrono::seconds period, std::function<Status()> task);

  // One pass over due jobs, at the service's clock.
  Result<JobPass> RunDue();
  // Runs every periodic task once, now.
  Status RunPeriodic();

  void Start();
  void Stop();
  void Wake();  // run a pass soon, e.g. after a write that enqueued work

 private:
  Status RecoverInterrupted();
  Result<bool> RunOne(const Json& job, JobPass& pass);
  void Loop();

  struct Periodic {
    std::string name;
    std::chrono::seconds period;
    std::function<Status()> task;
    std::chrono::steady_clock::time_point next;
  };

  RecordService& records_;
  JobOptions options_;
  std::map<std::string, JobHandler> handlers_;
  std::vector<Periodic> periodic_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stop_ = false;
  bool woken_ = false;
  std::thread thread_;
};

}  // namespace boucle
