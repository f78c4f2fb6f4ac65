// write_outputs(): analyse the run once, then write every output file from that one analysis.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <exception>
#include <fstream>
#include <future>
#include <mutex>
#include <thread>
#include <stdexcept>
#include <string_view>

#include "reports/reports.hpp"
#include "reports/writers.hpp"
#include "core/interrupt.hpp"

namespace bfv::reports {
namespace {

// Bytes written so far, over every report file (the progress line reads it).
std::atomic<uint64_t> g_written{0};

// A file the writers spill into as they go (TextSink): errors name the file and what to check.
// Written under a temporary name (NAME.partial) and renamed to NAME only once complete, so a failed
// or interrupted run never leaves a cut CSV that looks whole, or a broken report.json beside old
// complete files: the temporary is removed on failure (and by the interrupt handler, see
// core/interrupt.hpp), and an old NAME is replaced only by a complete new one.
class OutFile {
 public:
  explicit OutFile(std::filesystem::path path)
      : path_(std::move(path)), tmp_(path_.string() + ".partial"), f_(tmp_, std::ios::binary | std::ios::trunc) {
    if (!f_)
      throw std::runtime_error("cannot open " + tmp_.string() +
                               " for writing: check that the --out directory is writable");
    slot_ = register_partial_output(tmp_.string());
  }
  OutFile(const OutFile&) = delete;
  OutFile& operator=(const OutFile&) = delete;
  ~OutFile() {
    if (committed_) return;
    f_.close();
    std::error_code ec;
    std::filesystem::remove(tmp_, ec);
    forget_partial_output(slot_);
  }
  void write(std::string_view text) {
    g_written.fetch_add(text.size(), std::memory_order_relaxed);
    f_.write(text.data(), static_cast<std::streamsize>(text.size()));
    if (!f_) throw std::runtime_error("cannot write " + path_.string() + ": disk full or directory removed?");
  }
  // Complete: flushed and closed, still under its temporary name.
  void close() {
    f_.close();
    if (!f_) throw std::runtime_error("cannot write " + path_.string() + ": disk full or directory removed?");
    closed_ = true;
  }
  bool closed() const { return closed_; }
  // Renamed to its own name (after close()).
  void commit() {
    std::error_code ec;
    std::filesystem::rename(tmp_, path_, ec);
    if (ec) throw std::runtime_error("cannot rename " + tmp_.string() + " to " + path_.string() + ": " + ec.message());
    committed_ = true;
    forget_partial_output(slot_);
  }

 private:
  std::filesystem::path path_, tmp_;
  std::ofstream f_;
  int slot_ = -1;
  bool closed_ = false, committed_ = false;
};

// The writer's text leaves memory every kSpillBytes (TextSink::spill_if_big) through one buffer
// reserved once: fresh pages cost a page fault each (~10-17 us on the benchmark's VM), and a
// string grown by doubling to 1 MiB touched 2 MiB of them per file.
template <class Writer>
void write_spilling(OutFile& f, Writer&& writer) {
  TextSink sink;
  sink.text.reserve(TextSink::kSpillBytes + 4096);
  sink.spill = [&f](std::string_view t) { f.write(t); };
  writer(sink);
  sink.finish();
  f.close();
}

// "writing reports: 41.3 MB, 3.2 s" on stderr, redrawn every half second while the files are written
// (--progress, or by default when stderr is a terminal); the final line ends with a newline. Wall
// time goes to stderr only, never into a report.
class ProgressLine {
 public:
  explicit ProgressLine(bool on) : on_(on), t0_(std::chrono::steady_clock::now()) {
    g_written = 0;
    if (on_) thread_ = std::thread([this] { loop(); });
  }
  ~ProgressLine() { stop(); }
  void stop() {
    if (!on_ || stopped_) return;
    {
      std::lock_guard<std::mutex> lk(m_);
      stopped_ = true;
    }
    cv_.notify_all();
    thread_.join();
    draw("written");
    std::fputc('\n', stderr);
  }

 private:
  void loop() {
    std::unique_lock<std::mutex> lk(m_);
    while (!cv_.wait_for(lk, std::chrono::milliseconds(500), [this] { return stopped_; })) draw("writing");
  }
  void draw(const char* verb) const {
    double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0_).count();
    std::fprintf(stderr, "\rreports %s: %.1f MB, %.1f s ", verb, static_cast<double>(g_written.load()) / 1e6, s);
    std::fflush(stderr);
  }
  bool on_;
  bool stopped_ = false;
  std::chrono::steady_clock::time_point t0_;
  std::mutex m_;
  std::condition_variable cv_;
  std::thread thread_;
};

}  // namespace

struct ReleaseWhileReading::State {
  std::mutex m;
  std::condition_variable cv;
  bool stop = false;
  std::thread thread;
};

ReleaseWhileReading::ReleaseWhileReading(const RunResult& r) {
  if (!r.log.spilled()) return;
  st_ = std::make_unique<State>();
  st_->thread = std::thread([s = st_.get(), &r] {
    std::unique_lock<std::mutex> lk(s->m);
    while (!s->cv.wait_for(lk, std::chrono::milliseconds(100), [s] { return s->stop; })) r.log.release();
  });
}

ReleaseWhileReading::~ReleaseWhileReading() {
  if (!st_) return;
  {
    std::lock_guard<std::mutex> lk(st_->m);
    st_->stop = true;
  }
  st_->cv.notify_all();
  st_->thread.join();
}

// The five files of one run. The simulation is single-threaded and CI machines have two cores:
// trace.json needs no analysis, so it starts first on a thread of its own; the analysis runs on a
// second one, then report.json on it while phases.csv, and requests.csv with the HTML, are written
// beside it. Every file is a pure function of the RunResult, so the bytes do not depend on which
// thread wrote them, nor on when the writers started.
struct ReportWriter::State {
  State(std::filesystem::path d, ReportOptions o) : dir(std::move(d)), opt(std::move(o)) {}
  std::filesystem::path dir;
  ReportOptions opt;
  const RunResult* run = nullptr;
  std::unique_ptr<ProgressLine> progress;
  std::unique_ptr<ReleaseWhileReading> release;
  // Opened by start(), renamed into place by finish() (every file or none, as far as the run goes).
  std::unique_ptr<OutFile> trace_f, report_f, phases_f, requests_f, html_f;
  Analysis analysis;
  // Declared last, so destroyed (joined) first: the writers reference everything above.
  std::future<void> trace, driver;
};

ReportWriter::ReportWriter(std::filesystem::path dir, ReportOptions opt)
    : st_(std::make_unique<State>(std::move(dir), std::move(opt))) {}

ReportWriter::~ReportWriter() {
  if (!st_) return;
  // Join before the files (and their temporaries) go: a failed run leaves none of them.
  for (auto* f : {&st_->driver, &st_->trace})
    if (f->valid()) f->wait();
}

void ReportWriter::start(const RunResult& r) {
  if (st_->run) return;
  st_->run = &r;
  auto& st = *st_;
  std::error_code ec;
  std::filesystem::create_directories(st.dir, ec);
  if (ec) throw std::runtime_error("cannot create output directory " + st.dir.string() + ": " + ec.message());
  st.progress = std::make_unique<ProgressLine>(st.opt.progress);
  st.release = std::make_unique<ReleaseWhileReading>(r);
  st.trace_f = std::make_unique<OutFile>(st.dir / "trace.json");
  st.report_f = std::make_unique<OutFile>(st.dir / "report.json");
  st.phases_f = std::make_unique<OutFile>(st.dir / "phases.csv");
  st.requests_f = std::make_unique<OutFile>(st.dir / "requests.csv");
  st.html_f = std::make_unique<OutFile>(st.dir / "report.html");
  st.trace = std::async(std::launch::async, [&st, &r] {
    fmt::memory_buffer buf;
    trace_json(
        r, buf, [&st](std::string_view t) { st.trace_f->write(t); }, st.opt.trace_polls, st.opt.trace_detail);
    st.trace_f->close();
  });
  st.driver = std::async(std::launch::async, [&st, &r] {
    st.analysis = analyse(r);
    const Analysis& a = st.analysis;
    auto phases = std::async(std::launch::async,
                             [&] { write_spilling(*st.phases_f, [&](TextSink& s) { phases_csv(r, a, s); }); });
    auto tables = std::async(std::launch::async, [&] {
      write_spilling(*st.requests_f, [&](TextSink& s) { requests_csv(r, a, s); });
      write_spilling(*st.html_f, [&](TextSink& s) { html_report(r, a, st.opt, s); });
    });
    std::exception_ptr failed;
    try {
      write_spilling(*st.report_f, [&](TextSink& s) { json_report(r, a, s); });
    } catch (...) {
      failed = std::current_exception();
    }
    // Join both before rethrowing: the threads reference this frame.
    for (auto* f : {&phases, &tables}) try {
        f->get();
      } catch (...) {
        if (!failed) failed = std::current_exception();
      }
    if (failed) std::rethrow_exception(failed);
  });
}

std::string ReportWriter::finish(const RunResult& r) {
  start(r);
  auto& st = *st_;
  std::exception_ptr failed;
  for (auto* f : {&st.driver, &st.trace}) try {
      f->get();
    } catch (...) {
      if (!failed) failed = std::current_exception();
    }
  st.release.reset();
  st.progress->stop();
  // Every file written whole takes its name, also when another failed (an unknown --show-request
  // fails report.html; its message points at requests.csv); the others are removed.
  for (auto* f : {&st.report_f, &st.requests_f, &st.phases_f, &st.html_f, &st.trace_f})
    if ((*f)->closed()) (*f)->commit();
  if (failed) std::rethrow_exception(failed);
  return console_summary(r, st.analysis);
}

std::string summarise_and_write(const RunResult& r, const std::filesystem::path& dir, const ReportOptions& opt) {
  ReportWriter w(dir, opt);
  return w.finish(r);
}

void write_outputs(const RunResult& r, const std::filesystem::path& dir) { summarise_and_write(r, dir); }

}  // namespace bfv::reports
