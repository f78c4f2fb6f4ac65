#include "sim/runtime/expectations.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>

namespace bfv {

namespace {

std::string num(double v) {
  char b[64];
  std::snprintf(b, sizeof b, "%.3f", v);
  return b;
}

bool contains(const std::optional<std::string>& s, const std::string& sub) {
  return s && s->find(sub) != std::string::npos;
}

// count / at_least / at_most against n
bool check_count(const nlohmann::json& e, long long n, std::string& expected) {
  if (e.contains("count")) {
    expected = "count == " + e["count"].dump();
    return n == e["count"].get<long long>();
  }
  if (e.contains("at_least") && e.contains("at_most")) {
    expected = "between " + e["at_least"].dump() + " and " + e["at_most"].dump();
    return n >= e["at_least"].get<long long>() && n <= e["at_most"].get<long long>();
  }
  if (e.contains("at_least")) {
    expected = "at least " + e["at_least"].dump();
    return n >= e["at_least"].get<long long>();
  }
  if (e.contains("at_most")) {
    expected = "at most " + e["at_most"].dump();
    return n <= e["at_most"].get<long long>();
  }
  expected = "a count (count, at_least or at_most)";
  return false;
}

bool request_matches(const nlohmann::json& e, const RequestRecord& r) {
  if (e.contains("final_status") && name(r.final_status) != e["final_status"].get<std::string>()) return false;
  if (e.contains("fault_contains") && !contains(r.fault, e["fault_contains"].get<std::string>())) return false;
  if (e.contains("stream") && r.stream != e["stream"].get<std::string>()) return false;
  if (e.contains("api_status") && r.api_status != e["api_status"].get<int>()) return false;
  if (e.contains("cinder_path") && name(r.cinder_path) != e["cinder_path"].get<std::string>()) return false;
  if (e.contains("api_error_contains") && !contains(r.api_error, e["api_error_contains"].get<std::string>()))
    return false;
  if (e.contains("attempts_at_least") && r.attempts < e["attempts_at_least"].get<int>()) return false;
  if (e.contains("attempts") && r.attempts != e["attempts"].get<int>()) return false;
  if (e.contains("volume_creates") && r.volume_creates != e["volume_creates"].get<int>()) return false;
  if (e.contains("image_downloads") && r.image_downloads != e["image_downloads"].get<int>()) return false;
  return true;
}

// `{request: R, bdm: i, volume_status: S, bdm_fields: {...}}`: the i-th normalized BDM of R and the
// status at the end of the run of the volume it held ("none" when it held none). Returns the
// mismatch, or "" when everything matches.
std::string check_bdm(const nlohmann::json& e, const RequestRecord& r, const RunResult& run) {
  auto idx = e["bdm"].get<long long>();
  nlohmann::json bdms = nlohmann::json::parse(r.bdms.get(), nullptr, false);
  if (!bdms.is_array() || idx < 0 || idx >= static_cast<long long>(bdms.size()))
    return "no BDM " + std::to_string(idx) + " (the request has " + std::to_string(bdms.is_array() ? bdms.size() : 0) +
           ")";
  const auto& b = bdms[static_cast<size_t>(idx)];
  std::string out;
  if (e.contains("bdm_fields"))
    for (const auto& [k, want] : e["bdm_fields"].items()) {
      nlohmann::json got = b.contains(k) ? b[k] : nlohmann::json();
      if (got != want) out += (out.empty() ? "" : "; ") + k + " is " + got.dump();
    }
  if (e.contains("volume_status")) {
    std::string vid =
        static_cast<size_t>(idx) < r.bdm_volume_ids.size() ? r.bdm_volume_ids[static_cast<size_t>(idx)] : "";
    std::string status = "none";
    if (!vid.empty())
      for (const auto& v : run.volumes)
        if (v.id == vid) {
          status = v.status_at_end;
          break;
        }
    if (status != e["volume_status"].get<std::string>())
      out += (out.empty() ? "" : "; ") + std::string("volume ") + (vid.empty() ? "-" : vid) + " is " + status;
  }
  return out;
}

}  // namespace

std::vector<ExpectationFailure> check_expectations(const Scenario& s, const RunResult& r) {
  std::vector<ExpectationFailure> out;
  for (const auto& ex : s.expect) {
    const auto& e = ex.spec;
    std::string expected, actual;
    bool ok = true;
    if (e.contains("request")) {
      std::string name = e["request"].get<std::string>();
      const RequestRecord* rec = nullptr;
      for (const auto& q : r.requests)
        if (q.name == name) {
          rec = &q;
          break;
        }
      if (!rec) {
        ok = false;
        expected = "a request named '" + name + "'";
        actual = "none";
      } else {
        ok = request_matches(e, *rec);
        expected = e.dump();
        if (e.contains("bdm")) {
          std::string why = check_bdm(e, *rec, r);
          if (!why.empty()) {
            out.push_back({ex.where, ex.text, expected, "BDM " + e["bdm"].dump() + ": " + why});
            continue;
          }
        }
        actual = "api_status " + std::to_string(rec->api_status) + ", api_error " + rec->api_error.value_or("null") +
                 ", final_status " + std::string(bfv::name(rec->final_status)) + ", fault " +
                 rec->fault.value_or("null") + ", cinder_path " +
                 (rec->cinder_path == CinderPath::None ? "-" : std::string(bfv::name(rec->cinder_path))) +
                 ", attempts " + std::to_string(rec->attempts) + ", volume_creates " +
                 std::to_string(rec->volume_creates) + ", image_downloads " + std::to_string(rec->image_downloads);
      }
    } else if (e.contains("volumes")) {
      const auto& f = e["volumes"];
      long long n = 0;
      for (const auto& v : r.volumes) {
        if (f.contains("status") && v.status_at_end != f["status"].get<std::string>()) continue;
        if (f.contains("source") && v.source.rfind(f["source"].get<std::string>(), 0) != 0) continue;
        if (f.contains("project") && v.project != f["project"].get<std::string>()) continue;
        if (f.contains("error_contains") && !contains(v.error, f["error_contains"].get<std::string>())) continue;
        if (f.contains("request") &&
            (!v.request || static_cast<size_t>(*v.request) >= r.requests.size() ||
             r.requests[static_cast<size_t>(*v.request)].name != f["request"].get<std::string>()))
          continue;
        ++n;
      }
      ok = check_count(e, n, expected);
      expected = "volumes " + f.dump() + ": " + expected;
      actual = std::to_string(n);
    } else if (e.contains("quota")) {
      const auto& q = e["quota"];
      bool found = false;
      for (const auto& u : r.quotas)
        if (u.project == q.value("project", "") && u.service == q.value("service", "") &&
            u.resource == q.value("resource", "")) {
          found = true;
          ok = u.in_use == q.value("in_use", -12345LL);
          actual = std::to_string(u.in_use);
        }
      expected = "quota " + q.dump();
      if (!found) {
        ok = false;
        actual = "no such quota";
      }
    } else if (e.contains("phase")) {
      std::string phase = e["phase"].get<std::string>();
      double p = e["percentile"].get<double>() / 100.0;
      std::vector<double> vals;
      for (const auto& q : r.requests) {
        if (e.contains("stream") && q.stream != e["stream"].get<std::string>()) continue;
        if (phase == "boot") {
          if (q.t_active) vals.push_back(*q.t_active - q.t_submit);
          continue;
        }
        double sum = 0;
        bool has = false;
        for (const auto& [n, sec] : q.phases)
          if (n == phase) {
            sum += sec;
            has = true;
          }
        if (has) vals.push_back(sum);
      }
      if (vals.empty()) {
        ok = false;
        expected = "values for phase '" + phase + "'";
        actual = "none";
      } else {
        double v = percentile_of(vals, p);
        actual = num(v) + " s (n=" + std::to_string(vals.size()) + ")";
        expected = "p" + e["percentile"].dump() + " of " + phase;
        if (e.contains("below")) {
          expected += " < " + num(e["below"].get<double>()) + " s";
          ok = ok && v < e["below"].get<double>();
        }
        if (e.contains("above")) {
          expected += " > " + num(e["above"].get<double>()) + " s";
          ok = ok && v > e["above"].get<double>();
        }
      }
    } else if (e.contains("host_count")) {
      std::set<std::string> hosts;
      for (const auto& q : r.requests)
        if (request_matches(e, q) && !q.host.empty()) hosts.insert(q.host);
      long long n = static_cast<long long>(hosts.size());
      nlohmann::json c = {{"at_least", e["host_count"]}};
      ok = check_count(c, n, expected);
      expected = "distinct hosts " + expected;
      actual = std::to_string(n);
    } else {
      long long n = 0;
      for (const auto& q : r.requests) n += request_matches(e, q);
      ok = check_count(e, n, expected);
      nlohmann::json filt = e;
      for (const char* k : {"count", "at_least", "at_most"}) filt.erase(k);
      expected = "requests " + filt.dump() + ": " + expected;
      actual = std::to_string(n);
    }
    if (!ok) out.push_back({ex.where, ex.text, expected, actual});
  }
  return out;
}

}  // namespace bfv
