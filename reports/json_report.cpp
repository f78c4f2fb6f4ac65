// report.json: the machine-readable result of a run (schema: docs/report-json.md).
// Keys in a fixed order (ordered_json for the small parts, requests written directly so a 10,000-
// request run stays cheap); `phases` in flow order; doubles shortest-round-trip, so the bytes
// depend only on the RunResult.
#include <algorithm>
#include <cmath>
#include <iterator>
#include <type_traits>
#include <tuple>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "reports/writers.hpp"
#include "core/text_safety.hpp"

namespace bfv::reports {
namespace {

using ojson = nlohmann::ordered_json;

template <class T>
ojson opt(const std::optional<T>& v) {
  return v ? ojson(*v) : ojson(nullptr);
}

ojson stats_json(const StatsRow& row) {
  ojson j;
  j["name"] = row.name;
  auto num = [&](double v) { return row.has_data ? ojson(v) : ojson(nullptr); };
  j["min"] = num(row.min);
  j["median"] = num(row.median);
  j["p90"] = num(row.p90);
  j["p95"] = num(row.p95);
  j["max"] = num(row.max);
  j["avg"] = num(row.avg);
  j["success"] = row.count ? ojson(double(row.success) / double(row.count)) : ojson(nullptr);
  j["success_count"] = row.success;
  j["count"] = row.count;
  return j;
}

ojson attributions(const std::vector<Attribution>& items) {
  ojson arr = ojson::array();
  for (const auto& a : items)
    arr.push_back(ojson{{"category", a.category}, {"label", a.label}, {"seconds", a.seconds}, {"share", a.share}});
  return arr;
}

// Doubles as shortest round-trip text, always with a '.' or exponent so they read as floats.
void put_double(std::string& out, double v) {
  if (!std::isfinite(v)) {
    out += "null";
    return;
  }
  std::size_t at = out.size();
  fmt::format_to(std::back_inserter(out), "{}", v);
  if (out.find_first_of(".eE", at) == std::string::npos) out += ".0";
}

void put_string(std::string& out, const std::string& s) { append_json_string(out, s); }
// An enum's name (core/run_result.hpp): plain ASCII, nothing to escape.
void put_name(std::string& out, std::string_view s) {
  out += '"';
  out += s;
  out += '"';
}

template <class T>
void put_opt(std::string& out, const std::optional<T>& v) {
  if (!v)
    out += "null";
  else if constexpr (std::is_same_v<T, double>)
    put_double(out, *v);
  else
    put_string(out, *v);
}

// One request per line: the bulk of the file, written directly (no JSON tree) to stay cheap.
void put_request(std::string& out, const RequestRecord& q) {
  auto it = std::back_inserter(out);
  fmt::format_to(it, "{{\"id\":{},\"name\":", q.id);
  put_string(out, q.name);
  out += ",\"kind\":";
  put_name(out, name(q.kind));
  out += ",\"stream\":";
  put_string(out, q.stream);
  out += ",\"project\":";
  put_string(out, q.project);
  fmt::format_to(it, ",\"api_status\":{},\"api_error\":", q.api_status);
  put_opt(out, q.api_error);
  out += ",\"final_status\":";
  put_name(out, name(q.final_status));
  out += ",\"fault\":";
  put_opt(out, q.fault);
  out += ",\"bdms\":";
  out += q.bdms;
  out += ",\"phases\":{";
  for (std::size_t k = 0; k < q.phases.size(); ++k) {
    if (k) out += ',';
    put_string(out, q.phases[k].first);
    out += ':';
    put_double(out, q.phases[k].second);
  }
  out += "},\"t_submit\":";
  put_double(out, q.t_submit);
  out += ",\"t_active\":";
  put_opt(out, q.t_active);
  out += ",\"t_deleted\":";
  put_opt(out, q.t_deleted);
  out += ",\"host\":";
  put_string(out, q.host);
  fmt::format_to(it, ",\"attempts\":{},\"cinder_path\":", q.attempts);
  put_name(out, name(q.cinder_path));
  fmt::format_to(it, ",\"volume_creates\":{},\"image_downloads\":{},\"allocation\":", q.volume_creates,
                 q.image_downloads);
  if (q.allocation) {
    fmt::format_to(it, "{{\"provider\":");
    put_string(out, q.allocation->provider);
    fmt::format_to(it, ",\"resources\":{{\"VCPU\":{},\"MEMORY_MB\":{},\"DISK_GB\":{}}}}}", q.allocation->vcpu,
                   q.allocation->memory_mb, q.allocation->disk_gb);
  } else {
    out += "null";
  }
  out += "}";
}

void put_json(std::string& out, const ojson& j) { out += j.dump(-1, ' ', false, ojson::error_handler_t::replace); }

// " "key": [" then one element per line, each built by item(k) and written at once: the elements'
// JSON trees are never all in memory together (a run's 500-point utilization series as ojson were
// ~5x the bytes they print as, and fresh pages for them cost more than printing them).
template <class Item>
void put_array(TextSink& sink, const char* key, std::size_t n, Item&& item) {
  std::string& out = sink.text;
  fmt::format_to(std::back_inserter(out), " \"{}\": [", key);
  for (std::size_t k = 0; k < n; ++k) {
    out += k ? ",\n  " : "\n  ";
    put_json(out, item(k));
    sink.spill_if_big();
  }
  out += n ? "\n ]" : "]";
  out += ",\n";
}

}  // namespace

// JSON string as nlohmann's dump(error_handler_t::replace) writes it (UTF-8 passed through,
// control characters escaped, a byte that is not UTF-8 as U+FFFD: report.json is always JSON even
// when a path or --set value from the command line is not UTF-8), without building a json value per
// string: this is the hottest path of report.json.
void append_json_string(std::string& out, const std::string& s) {
  static const char* hex = "0123456789abcdef";
  out += '"';
  // Most strings (names, ids, phases) need no escaping: one scan, one append.
  if (std::all_of(s.begin(), s.end(), [](char ch) {
        const auto c = static_cast<unsigned char>(ch);
        return c >= 0x20 && c < 0x80 && c != '"' && c != '\\';
      })) {
    out += s;
    out += '"';
    return;
  }
  for (size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      const size_t n = text::utf8_seq_len(s, i);
      if (n == 0) {
        out += "\xEF\xBF\xBD";
      } else {
        out.append(s, i, n);
        i += n - 1;
      }
      continue;
    }
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          out += "\\u00";
          out += hex[c >> 4];
          out += hex[c & 15];
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  out += '"';
}

std::string json_report(const RunResult& r, const Analysis& a) {
  TextSink sink;
  json_report(r, a, sink);
  return std::move(sink.text);
}

void json_report(const RunResult& r, const Analysis& a, TextSink& sink) {
  // Top level: one key per line, arrays one element per line (diff- and grep-friendly).
  ojson head;
  head["schema_version"] = 1;
  head["scenario"] = r.scenario;
  head["scenario_file"] = r.scenario_file;
  head["seed"] = r.seed;
  head["version"] = r.version;
  head["description"] = r.description;
  head["sim_end"] = r.sim_end;
  head["makespan"] = a.makespan;
  head["simgrid_activities"] = r.simgrid_activities;
  const auto& sw = r.work;
  head["simgrid_work"] =
      ojson{{"actors", sw.actors},         {"sleeps", sw.sleeps}, {"sleep_s", sw.sleep_s},       {"comms", sw.comms},
            {"comm_bytes", sw.comm_bytes}, {"execs", sw.execs},   {"exec_flops", sw.exec_flops}, {"ios", sw.ios},
            {"io_bytes", sw.io_bytes}};
  ojson counts = ojson::object();
  for (const auto& [status, c] : a.status_counts) counts[status] = c;
  head["counts"] = counts;
  // What-if inputs (docs/whatif.md): settings applied over the scenario file, ini options not modelled.
  ojson ov = ojson::array();
  for (const auto& o : r.overrides) ov.push_back(ojson{{"path", o.path}, {"value", o.value}, {"source", o.source}});
  head["overrides"] = ov;
  ojson nm = ojson::array();
  for (const auto& o : r.options_not_modelled)
    nm.push_back(ojson{{"file", o.file},
                       {"line", o.line},
                       {"section", o.section},
                       {"option", o.option},
                       {"values", o.values},
                       {"status", "present, not modelled"},
                       {"note", o.note}});
  head["options_not_modelled"] = nm;
  std::string& out = sink.text;
  out += "{\n";
  for (auto it = head.begin(); it != head.end(); ++it) {
    out += ' ';
    put_string(out, it.key());
    out += ": ";
    out += it.value().dump(-1, ' ', false, ojson::error_handler_t::replace);
    out += ",\n";
  }

  out += " \"requests\": [";
  for (std::size_t k = 0; k < r.requests.size(); ++k) {
    out += k ? ",\n  " : "\n  ";
    put_request(out, r.requests[k]);
    sink.spill_if_big();
  }
  out += r.requests.empty() ? "],\n" : "\n ],\n";

  // volumes: one per line, written directly like requests (a storm leaves one volume per request)
  out += " \"volumes\": [";
  for (std::size_t k = 0; k < r.volumes.size(); ++k) {
    const auto& v = r.volumes[k];
    out += k ? ",\n  " : "\n  ";
    out += "{\"id\":";
    put_string(out, v.id);
    fmt::format_to(std::back_inserter(out), ",\"size_gb\":{},\"source\":", v.size_gb);
    put_string(out, v.source);
    out += ",\"status_at_end\":";
    put_string(out, v.status_at_end);
    out += ",\"backend\":";
    put_string(out, v.backend);
    out += ",\"volume_type\":";
    put_string(out, v.volume_type);
    out += ",\"project\":";
    put_string(out, v.project);
    out += ",\"request\":";
    if (v.request)
      fmt::format_to(std::back_inserter(out), "{}", *v.request);
    else
      out += "null";
    out += ",\"error\":";
    put_opt(out, v.error);
    out += "}";
    sink.spill_if_big();
  }
  out += r.volumes.empty() ? "],\n" : "\n ],\n";

  put_array(sink, "phase_stats", a.rows.size(), [&](std::size_t k) { return stats_json(a.rows[k]); });

  put_array(sink, "faults", a.faults.size(), [&](std::size_t k) {
    const auto& f = a.faults[k];
    return ojson{{"reason", f.reason},
                 {"final_status", std::string(name(f.final_status))},
                 {"count", f.count},
                 {"example_request", f.example}};
  });

  auto series = [](const std::vector<std::pair<double, double>>& v) {
    ojson arr = ojson::array();
    for (const auto& [t, x] : v) arr.push_back(ojson::array({t, x}));
    return arr;
  };
  put_array(sink, "utilization", a.utilization.size(), [&](std::size_t k) {
    const auto& u = a.utilization[k];
    return ojson{{"name", u.name}, {"kind", u.kind},       {"capacity", u.capacity},    {"mean", u.mean},
                 {"peak", u.peak}, {"samples", u.samples}, {"series", series(u.series)}};
  });

  put_array(sink, "utilization_classes", a.util_classes.size(), [&](std::size_t k) {
    const auto& c = a.util_classes[k];
    return ojson{{"class", c.cls},
                 {"kind", c.kind},
                 {"instances", c.instances},
                 {"fraction", c.fraction},
                 {"mean", c.mean},
                 {"worst", c.worst},
                 {"worst_mean", c.worst_mean},
                 {"worst_peak", c.worst_peak},
                 {"busy_from", c.busy_from >= 0 ? ojson(c.busy_from) : ojson(nullptr)},
                 {"busy_until", c.busy_until >= 0 ? ojson(c.busy_until) : ojson(nullptr)},
                 {"mean_series", series(c.mean_series)},
                 {"worst_series", series(c.worst_series)}};
  });

  std::vector<const QuotaUsage*> quotas;
  for (const auto& q : r.quotas) quotas.push_back(&q);
  std::stable_sort(quotas.begin(), quotas.end(), [](const QuotaUsage* x, const QuotaUsage* y) {
    return std::tie(x->project, x->service, x->resource) < std::tie(y->project, y->service, y->resource);
  });
  put_array(sink, "quotas", quotas.size(), [&](std::size_t k) {
    const auto* q = quotas[k];
    return ojson{{"project", q->project},
                 {"service", q->service},
                 {"resource", q->resource},
                 {"in_use", q->in_use},
                 {"limit", q->limit}};
  });

  // critical_path: one key per line; a non-empty array one element per line. Each value is built
  // and written in turn (as above).
  const auto& w = a.where;
  out += " \"critical_path\": {";
  bool first = true;
  auto put_key = [&](const char* key, const ojson& value) {
    out += first ? "\n  " : ",\n  ";
    first = false;
    fmt::format_to(std::back_inserter(out), "\"{}\": ", key);
    if (!value.is_array() || value.empty()) {
      put_json(out, value);
      return;
    }
    out += "[";
    for (std::size_t k = 0; k < value.size(); ++k) {
      out += k ? ",\n   " : "\n   ";
      put_json(out, value[k]);
    }
    out += "\n  ]";
    sink.spill_if_big();
  };
  auto classes = [](const std::vector<ClassAttribution>& v) {
    ojson arr = ojson::array();
    for (const auto& c : v)
      arr.push_back(ojson{{"class", c.cls},
                          {"label", c.label},
                          {"seconds", c.seconds},
                          {"share", c.share},
                          {"instances", c.instances},
                          {"worst", c.worst},
                          {"worst_seconds", c.worst_seconds},
                          {"worst_share", c.worst_share}});
    return arr;
  };
  put_key("p95_boot_s", w.requests ? ojson(w.p95) : ojson(nullptr));
  put_key("tail_requests", w.requests);
  put_key("tail_boot_seconds", w.boot_seconds);
  put_key("tail", attributions(w.tail));
  put_key("lines", where_lines(w, 6));
  put_key("all_requests", w.all_requests);
  put_key("all_boot_seconds", w.all_boot_seconds);
  put_key("all", attributions(w.all));
  put_key("tail_classes", classes(w.tail_classes));
  put_key("all_classes", classes(w.all_classes));
  put_key("failed_requests", w.failed_requests);
  put_key("failed_seconds", w.failed_seconds);
  put_key("failed_classes", classes(w.failed_classes));
  put_key("findings", a.findings);
  out += "\n }\n}\n";
}

}  // namespace bfv::reports
