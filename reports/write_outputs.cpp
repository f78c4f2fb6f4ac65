// write_outputs(): analyse the run once, then write every output file from that one analysis.
#include <exception>
#include <fstream>
#include <future>
#include <stdexcept>
#include <string_view>

#include "reports/reports.hpp"
#include "reports/writers.hpp"

namespace bfv::reports {
namespace {

void write_file(const std::filesystem::path& path, std::string_view content) {
  std::ofstream f(path, std::ios::binary | std::ios::trunc);
  if (!f) throw std::runtime_error("cannot open " + path.string() + " for writing: check that the --out directory is writable");
  f.write(content.data(), static_cast<std::streamsize>(content.size()));
  if (!f) throw std::runtime_error("cannot write " + path.string() + ": disk full or directory removed?");
}

}  // namespace

// Two threads: the simulation is single-threaded and done, and CI machines have two cores. trace.json
// needs no analysis, so it starts first; report.json (the biggest) runs on this thread while the CSVs
// and the HTML are written beside it. Every file is a pure function of the RunResult, so the bytes do
// not depend on which thread wrote them.
std::string summarise_and_write(const RunResult& r, const std::filesystem::path& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw std::runtime_error("cannot create output directory " + dir.string() + ": " + ec.message());
  auto trace = std::async(std::launch::async, [&r, &dir] {
    fmt::memory_buffer buf;
    trace_json(r, buf);
    write_file(dir / "trace.json", std::string_view(buf.data(), buf.size()));
  });
  const Analysis a = analyse(r);
  auto tables = std::async(std::launch::async, [&r, &a, &dir] {
    write_file(dir / "requests.csv", requests_csv(r, a));
    write_file(dir / "phases.csv", phases_csv(r, a));
    write_file(dir / "report.html", html_report(r, a));
  });
  std::exception_ptr failed;
  try {
    write_file(dir / "report.json", json_report(r, a));
  } catch (...) {
    failed = std::current_exception();
  }
  // Join both before rethrowing: the threads reference this frame.
  for (auto* f : {&trace, &tables}) try {
      f->get();
    } catch (...) {
      if (!failed) failed = std::current_exception();
    }
  if (failed) std::rethrow_exception(failed);
  return console_summary(r, a);
}

void write_outputs(const RunResult& r, const std::filesystem::path& dir) { summarise_and_write(r, dir); }

}  // namespace bfv::reports
