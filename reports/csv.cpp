// requests.csv (one row per request, phases as columns) and phases.csv (long form), for pandas.
// RFC 4180 quoting; numbers "%.6f"; empty cell = no value. Columns: docs/outputs.md.
#include <iterator>

#include <fmt/format.h>

#include "reports/writers.hpp"

namespace bfv::reports {
namespace {

// A text cell. RFC 4180 quoting, and OWASP's CSV-injection rule: a cell a spreadsheet would read as
// a formula (first character = + - @, or tab / CR, which Excel skips before one) gets a leading
// single quote inside double quotes, so Excel, LibreOffice and Sheets show it as text; pandas and
// Python's csv module still read one valid cell ("'=1+2"). User text reaches these cells through
// names, errors and faults.
void cell(std::string& out, std::string_view s) {
  const bool formula =
      !s.empty() && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' || s[0] == '\r');
  if (!formula && s.find_first_of(",\"\n\r") == std::string_view::npos) {
    out += s;
    return;
  }
  out += '"';
  if (formula) out += '\'';
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

void num(std::string& out, const std::optional<double>& v) {
  if (v) append_fixed(out, *v, 6);
}

}  // namespace

std::string requests_csv(const RunResult& r, const Analysis& a) {
  TextSink sink;
  requests_csv(r, a, sink);
  return std::move(sink.text);
}

std::string phases_csv(const RunResult& r, const Analysis& a) {
  TextSink sink;
  phases_csv(r, a, sink);
  return std::move(sink.text);
}

void requests_csv(const RunResult& r, const Analysis& a, TextSink& sink) {
  std::string& out = sink.text;
  out +=
      "id,name,kind,stream,project,api_status,final_status,host,attempts,cinder_path,"
      "t_submit,t_active,t_deleted,boot_s,api_error,fault";
  for (const auto& p : a.phase_order) {
    out += ',';
    cell(out, "phase_" + p);
  }
  out += '\n';
  auto it = std::back_inserter(out);
  std::vector<std::optional<double>> ph(a.phase_order.size());
  for (std::size_t i = 0; i < r.requests.size(); ++i) {
    sink.spill_if_big();
    const auto& q = r.requests[i];
    fmt::format_to(it, "{},", q.id);
    cell(out, q.name);
    out += ',';
    cell(out, name(q.kind));
    out += ',';
    cell(out, q.stream);
    out += ',';
    cell(out, q.project);
    fmt::format_to(it, ",{},", q.api_status);
    cell(out, name(q.final_status));
    out += ',';
    cell(out, q.host);
    fmt::format_to(it, ",{},", q.attempts);
    cell(out, name(q.cinder_path));
    out += ',';
    append_fixed(out, q.t_submit, 6);
    out += ',';
    num(out, q.t_active);
    out += ',';
    num(out, q.t_deleted);
    out += ',';
    num(out, a.boot[i]);
    out += ',';
    cell(out, q.api_error.value_or(""));
    out += ',';
    cell(out, q.fault.value_or(""));
    std::fill(ph.begin(), ph.end(), std::nullopt);
    for (const auto& [name, s] : q.phases) {
      // phase_order is small (tens): a linear scan beats a map here.
      for (std::size_t c = 0; c < a.phase_order.size(); ++c)
        if (a.phase_order[c] == name) {
          ph[c] = ph[c].value_or(0) + s;
          break;
        }
    }
    for (const auto& v : ph) {
      out += ',';
      num(out, v);
    }
    out += '\n';
  }
}

void phases_csv(const RunResult& r, const Analysis& a, TextSink& sink) {
  std::string& out = sink.text;
  out += "request,phase,start,end,seconds,ok\n";
  const auto& spans = r.log.spans();
  auto it = std::back_inserter(out);
  for (std::size_t i = 0; i < r.requests.size(); ++i) {
    sink.spill_if_big();
    bool any = false;
    for (uint32_t id : a.spans_of[i]) {
      const Span& s = spans[id];
      if (s.kind != SpanKind::Phase) continue;
      any = true;
      fmt::format_to(it, "{},", r.requests[i].id);
      cell(out, r.log.name(s.name));
      out += ',';
      append_fixed(out, s.start, 6);
      out += ',';
      append_fixed(out, s.end, 6);
      out += ',';
      append_fixed(out, s.end - s.start, 6);
      out += s.ok ? ",1\n" : ",0\n";
    }
    if (any) continue;
    // No Phase spans logged for this request: fall back to its record (times unknown).
    for (const auto& [name, sec] : r.requests[i].phases) {
      fmt::format_to(it, "{},", r.requests[i].id);
      cell(out, name);
      out += ",,,";
      append_fixed(out, sec, 6);
      out += ",\n";
    }
  }
}

}  // namespace bfv::reports
