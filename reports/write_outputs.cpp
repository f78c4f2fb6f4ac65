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
  void close() {
    f_.close();
    if (!f_) throw std::runtime_error("cannot write " + path_.string() + ": disk full or directory removed?");
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
  bool committed_ = false;
};

template <class Writer>
void write_spilling(const std::filesystem::path& path, Writer&& writer) {
  OutFile f(path);
  TextSink sink;
  sink.spill = [&f](std::string_view t) { f.write(t); };
  writer(sink);
  sink.finish();
  f.close();
}

void write_file(const std::filesystem::path& path, std::string_view content) {
  OutFile f(path);
  f.write(content);
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

// The simulation is single-threaded and done, and CI machines have two cores. trace.json needs no
// analysis, so it starts first; once the analysis is ready, report.json runs on this thread while
// phases.csv, and requests.csv with the HTML, are written beside it. Every file is a pure function of the RunResult, so the bytes do
// not depend on which thread wrote them.
std::string summarise_and_write(const RunResult& r, const std::filesystem::path& dir, const ReportOptions& opt) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw std::runtime_error("cannot create output directory " + dir.string() + ": " + ec.message());
  ProgressLine progress(opt.progress);
  ReleaseWhileReading release(r);
  auto trace = std::async(std::launch::async, [&r, &dir, &opt] {
    OutFile f(dir / "trace.json");
    fmt::memory_buffer buf;
    trace_json(
        r, buf, [&f](std::string_view t) { f.write(t); }, opt.trace_polls, opt.trace_detail);
    f.close();
  });
  const Analysis a = analyse(r);
  auto phases = std::async(std::launch::async, [&r, &a, &dir] {
    write_spilling(dir / "phases.csv", [&](TextSink& s) { phases_csv(r, a, s); });
  });
  auto tables = std::async(std::launch::async, [&r, &a, &dir, &opt] {
    write_spilling(dir / "requests.csv", [&](TextSink& s) { requests_csv(r, a, s); });
    write_file(dir / "report.html", html_report(r, a, opt));
  });
  std::exception_ptr failed;
  try {
    write_spilling(dir / "report.json", [&](TextSink& s) { json_report(r, a, s); });
  } catch (...) {
    failed = std::current_exception();
  }
  // Join both before rethrowing: the threads reference this frame.
  for (auto* f : {&trace, &phases, &tables}) try {
      f->get();
    } catch (...) {
      if (!failed) failed = std::current_exception();
    }
  progress.stop();
  if (failed) std::rethrow_exception(failed);
  return console_summary(r, a);
}

void write_outputs(const RunResult& r, const std::filesystem::path& dir) { summarise_and_write(r, dir); }

}  // namespace bfv::reports
