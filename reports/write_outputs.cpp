// write_outputs(): analyse the run once, then write every output file from that one analysis.
#include <fstream>
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

static void write_all(const RunResult& r, const Analysis& a, const std::filesystem::path& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw std::runtime_error("cannot create output directory " + dir.string() + ": " + ec.message());
  write_file(dir / "report.json", json_report(r, a));
  write_file(dir / "requests.csv", requests_csv(r, a));
  write_file(dir / "phases.csv", phases_csv(r, a));
  write_file(dir / "report.html", html_report(r, a));
  fmt::memory_buffer trace;
  trace_json(r, trace);
  write_file(dir / "trace.json", std::string_view(trace.data(), trace.size()));
}

void write_outputs(const RunResult& r, const std::filesystem::path& dir) { write_all(r, analyse(r), dir); }

std::string summarise_and_write(const RunResult& r, const std::filesystem::path& dir) {
  const Analysis a = analyse(r);
  write_all(r, a, dir);
  return console_summary(r, a);
}

}  // namespace bfv::reports
