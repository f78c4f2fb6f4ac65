// Issue 17 item 7: user text escaped for each output's consumer — CSV cells a spreadsheet would run
// as formulas, terminal escapes on the console, multi-byte characters in report.html's labels, and
// bytes that are not UTF-8 in report.json.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "reports/reports.hpp"
#include "core/text_safety.hpp"
#include "tests/reports/files.hpp"
#include "tests/reports/synthetic.hpp"

using namespace bfv;
namespace fs = std::filesystem;

namespace {

using bfv::test::slurp;
fs::path fresh_dir(const std::string& name) { return bfv::test::fresh_dir("bfv-text-safety-test", name); }

// A minimal RFC 4180 reader (what pandas / Python's csv module do): rows of cells.
std::vector<std::vector<std::string>> parse_csv(const std::string& s) {
  std::vector<std::vector<std::string>> rows(1, std::vector<std::string>(1));
  bool quoted = false;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (quoted) {
      if (c == '"' && i + 1 < s.size() && s[i + 1] == '"') {
        rows.back().back() += '"';
        ++i;
      } else if (c == '"')
        quoted = false;
      else
        rows.back().back() += c;
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      rows.back().emplace_back();
    } else if (c == '\n') {
      rows.emplace_back(1);
    } else {
      rows.back().back() += c;
    }
  }
  if (rows.back().size() == 1 && rows.back()[0].empty()) rows.pop_back();
  return rows;
}

}  // namespace

TEST_CASE("term_safe: ESC, CR, BEL, DEL, C1 controls and bytes that are not UTF-8 become visible escapes") {
  CHECK(text::term_safe("vm-1") == "vm-1");
  CHECK(text::term_safe("a\nb\tc") == "a\nb\tc");                        // newline and tab kept
  CHECK(text::term_safe("\x1b]0;pwned\x07x") == "\\x1b]0;pwned\\x07x");  // window-title escape
  CHECK(text::term_safe("\x1b[2J") == "\\x1b[2J");                       // clear screen
  CHECK(text::term_safe("ok\rFAILED") == "ok\\x0dFAILED");               // overwriting a line
  CHECK(text::term_safe("\x7f") == "\\x7f");
  CHECK(text::term_safe("\xc2\x9b"
                        "31m") == "\\u009b31m");  // CSI as U+009B
  CHECK(text::term_safe("\x9b"
                        "31m") == "\\x9b31m");  // CSI as a raw 8-bit byte
  CHECK(text::term_safe("caf\xc3\xa9 \xe2\x80\xa6 \xf0\x9f\x9a\x80") ==
        "caf\xc3\xa9 \xe2\x80\xa6 \xf0\x9f\x9a\x80");  // UTF-8 kept
  CHECK(text::term_safe("\xc3") == "\\xc3");           // a cut sequence
}

TEST_CASE("utf8_truncate never cuts a character; utf8_valid replaces what is not UTF-8") {
  const std::string e = "\xc3\xa9";  // é, two bytes
  std::string s;
  for (int i = 0; i < 30; ++i) s += e;
  const std::string t = text::utf8_truncate(s, 20);
  CHECK(t.size() == 19 * 2 + 3);  // 19 é and the ellipsis
  CHECK(text::utf8_valid(t) == t);
  CHECK(text::utf8_truncate("short", 20) == "short");
  CHECK(text::utf8_truncate("exactly-twenty-chars", 20) == "exactly-twenty-chars");
  CHECK(text::utf8_truncate("exactly-twenty-chars!", 20) == "exactly-twenty-char\xe2\x80\xa6");
  CHECK(text::utf8_valid("a\xff"
                         "b") ==
        "a\xef\xbf\xbd"
        "b");
  CHECK(text::utf8_valid("\xed\xa0\x80") == "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");  // a surrogate
}

TEST_CASE("requests.csv: cells starting = + - @ tab or CR are neutralised (OWASP CSV injection) and stay valid CSV") {
  RunResult r = test::synthetic_run(6);
  r.requests[0].name = "=HYPERLINK(\"http://evil\",\"x\")";
  r.requests[1].name = "+1+1";
  r.requests[2].name = "-2+3";
  r.requests[3].name = "@SUM(A1)";
  r.requests[4].name = "\tx";
  r.requests[5].api_error = "=cmd|' /C calc'!A0";
  fs::path d = fresh_dir("csv");
  reports::write_outputs(r, d);
  auto rows = parse_csv(slurp(d / "requests.csv"));
  REQUIRE(rows.size() == 7);
  const size_t ncol = rows[0].size();
  for (const auto& row : rows) CHECK(row.size() == ncol);  // still one cell per column
  CHECK(rows[1][1] == "'=HYPERLINK(\"http://evil\",\"x\")");
  CHECK(rows[2][1] == "'+1+1");
  CHECK(rows[3][1] == "'-2+3");
  CHECK(rows[4][1] == "'@SUM(A1)");
  CHECK(rows[5][1] == "'\tx");
  CHECK(rows[6][14] == "'=cmd|' /C calc'!A0");
  CHECK(rows[0][14] == "api_error");
  // Numbers are written as numbers, never quoted: a negative value would stay a number.
  CHECK(rows[1][0] == "0");
}

TEST_CASE("report.html labels are cut between characters, never inside a multi-byte one") {
  RunResult r = test::synthetic_run(5);
  for (auto& q : r.requests) {
    q.name.clear();
    for (int i = 0; i < 15; ++i) q.name += "\xc3\xa9\xe2\x82\xac";  // é€, 30 characters, 75 bytes
  }
  fs::path d = fresh_dir("html");
  reports::write_outputs(r, d);
  const std::string h = slurp(d / "report.html");
  CHECK(text::utf8_valid(h) == h);
  std::string label;
  for (int i = 0; i < 19; ++i) label += i % 2 ? "\xe2\x82\xac" : "\xc3\xa9";
  CHECK(h.find(label + "\xe2\x80\xa6") != std::string::npos);
}

TEST_CASE("report.json is valid JSON when a string holds bytes that are not UTF-8 (a path or --set value from argv)") {
  RunResult r = test::synthetic_run(3);
  r.scenario_file = "scen\xff.yaml";
  r.requests[0].name = "vm\xc3";
  r.requests[1].fault = std::string("bad \x80 byte");
  r.description = "d\xfe";
  fs::path d = fresh_dir("json");
  reports::write_outputs(r, d);
  auto j = nlohmann::json::parse(slurp(d / "report.json"));  // throws if not JSON
  CHECK(j["scenario_file"] == "scen\xef\xbf\xbd.yaml");
  CHECK(j["requests"][0]["name"] == "vm\xef\xbf\xbd");
  CHECK(j["requests"][1]["fault"] == "bad \xef\xbf\xbd byte");
  CHECK(j["description"] == "d\xef\xbf\xbd");
  // trace.json shares the string writer
  CHECK_NOTHROW(nlohmann::json::parse(slurp(d / "trace.json")));
}
