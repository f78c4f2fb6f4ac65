#include "sim/runtime/invariants.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <set>

namespace bfv {
namespace {

std::string num(double v) {
  char b[64];
  std::snprintf(b, sizeof b, "%g", v);
  return b;
}

bool attached_status(std::string_view s) {
  namespace vs = sem::volume_status;
  return s == vs::kInUse || s == vs::kAttaching || s == vs::kDetaching || s == vs::kReserved;
}

using nova::VmState;
std::string state(const EndState::Server* sv) { return std::string(name(sv->vm_state)); }

}  // namespace

std::vector<std::string> check_invariants(const EndState& s) {
  std::vector<std::string> out;
  std::map<int, const EndState::Server*> by_request;
  std::map<std::string_view, const EndState::Server*> by_uuid;
  for (const auto& sv : s.servers) {
    by_request[sv.request] = &sv;
    by_uuid[sv.uuid] = &sv;
  }
  auto live = [](const EndState::Server* sv) { return sv && sv->vm_state != VmState::Deleted; };

  // terminal
  for (const auto& r : s.requests) {
    const std::string_view st = r.final_status;
    const bool terminal = st == "ACTIVE" || st == "ERROR" || st == "DELETED" || st == "REJECTED";
    if (!terminal && !(s.cut_by_end_after && (st == "BUILD" || st.empty()))) {
      out.push_back("terminal: request " + std::to_string(r.id) + " (" + std::string(r.name) + ") ended in '" +
                    std::string(st) + "', not ACTIVE, ERROR, DELETED or REJECTED");
      continue;
    }
    if (r.kind != "server_create") continue;
    auto it = by_request.find(r.id);
    const EndState::Server* sv = it == by_request.end() ? nullptr : it->second;
    std::optional<VmState> want;
    if (st == "ACTIVE") want = VmState::Active;
    if (st == "ERROR") want = VmState::Error;
    if (st == "DELETED") want = VmState::Deleted;
    if (st == "REJECTED" && sv)
      out.push_back("terminal: request " + std::to_string(r.id) + " (" + std::string(r.name) +
                    ") is REJECTED but has server " + std::string(sv->uuid) + " (" + state(sv) + ")");
    // end_after: a build still running was recorded ERROR ("still building when the simulation
    // ended", sim/runtime/workload.cpp::finalize) while its instance is still building.
    if (s.cut_by_end_after && st == "ERROR" && sv && sv->vm_state == VmState::Building) continue;
    if (want && (!sv || sv->vm_state != *want))
      out.push_back("terminal: request " + std::to_string(r.id) + " (" + std::string(r.name) + ") is " +
                    std::string(st) + " but its server is " + (sv ? state(sv) : std::string("missing")));
  }

  // attachment
  std::map<std::string_view, std::vector<const EndState::Server*>> holders;
  for (const auto& sv : s.servers)
    for (const auto& v : sv.holds) holders[v].push_back(&sv);
  std::set<std::string_view> volume_ids;
  for (const auto& v : s.volumes) {
    volume_ids.insert(v.id);
    if (v.status == sem::volume_status::kDeleted) {
      for (const auto* h : holders[v.id])
        if (live(h))
          out.push_back("attachment: volume " + std::string(v.id) + " is deleted but live server " +
                        std::string(h->uuid) + " still holds it");
      continue;
    }
    bool held_live = false;
    for (const auto* h : holders[v.id]) {
      if (live(h))
        held_live = true;
      else
        out.push_back("attachment: volume " + std::string(v.id) + " (" + std::string(v.status) +
                      ") is still held by deleted server " + std::string(h->uuid));
    }
    if (attached_status(v.status) && !held_live && !v.preexisting_attachment)
      out.push_back("attachment: volume " + std::string(v.id) + " is " + std::string(v.status) +
                    " but no live server holds it");
    if (v.status == sem::volume_status::kInUse && v.attached_to.empty())
      out.push_back("attachment: volume " + std::string(v.id) + " is in-use without an attachment record");
  }
  for (const auto& [vid, hs] : holders)
    if (!volume_ids.count(vid))
      for (const auto* h : hs)
        if (live(h))
          out.push_back("attachment: server " + std::string(h->uuid) + " holds volume " + std::string(vid) +
                        ", which Cinder does not know");

  // quota
  std::map<std::string_view, EndState::Usage> want;
  for (const auto& [p, u] : s.usage) want[p];
  for (const auto& sv : s.servers)
    if (live(&sv)) {
      auto& w = want[sv.project];
      w.instances += 1;
      w.cores += sv.vcpus;
      w.ram_mb += sv.ram_mb;
    }
  for (const auto& v : s.volumes)
    if (v.status != sem::volume_status::kDeleted && !v.cache_entry) {
      auto& w = want[v.project];
      w.volumes += 1;
      w.gigabytes += v.size_gb;
    }
  for (const auto& entry : want) {
    const std::string p(entry.first);  // not a structured binding: lambdas below capture it (clang 14, C++17)
    const auto& w = entry.second;
    auto it = s.usage.find(p);
    const EndState::Usage have = it == s.usage.end() ? EndState::Usage{} : it->second;
    auto cmp = [&](const char* what, long long h, long long l) {
      if (h != l)
        out.push_back("quota: project " + p + ": " + what + " in use " + std::to_string(h) + ", live " +
                      std::to_string(l));
    };
    cmp("nova instances", have.instances, w.instances);
    cmp("nova cores", have.cores, w.cores);
    cmp("nova ram", have.ram_mb, w.ram_mb);
    cmp("cinder volumes", have.volumes, w.volumes);
    cmp("cinder gigabytes", have.gigabytes, w.gigabytes);
  }

  // placement
  std::vector<EndState::Provider> sum(s.providers.size());
  std::set<std::string_view> allocated;
  for (const auto& a : s.allocations) {
    allocated.insert(a.consumer);
    if (a.provider >= sum.size()) {
      out.push_back("placement: allocation of " + std::string(a.consumer) + " names provider " +
                    std::to_string(a.provider) + ", which does not exist");
      continue;
    }
    sum[a.provider].vcpu_used += a.vcpus;
    sum[a.provider].ram_used += a.ram_mb;
    sum[a.provider].disk_used += a.disk_gb;
    auto it = by_uuid.find(a.consumer);
    const EndState::Server* sv = it == by_uuid.end() ? nullptr : it->second;
    if (!live(sv))
      out.push_back("placement: " + s.providers[a.provider].name + " holds an allocation of " +
                    std::string(a.consumer) + ", which is " + (sv ? state(sv) : std::string("no server")));
    // A build buried in cell0 after select_destinations timed out keeps the allocation the
    // scheduler made (conductor/manager.py::_bury_in_cell0 does not remove it) and has no host.
    else if (sv->host >= 0 && sv->host != static_cast<int>(a.provider))
      out.push_back("placement: server " + std::string(a.consumer) + " is on host " + std::to_string(sv->host) +
                    " but allocated on " + s.providers[a.provider].name);
  }
  for (size_t i = 0; i < s.providers.size(); ++i) {
    const auto& p = s.providers[i];
    if (std::fabs(p.vcpu_used - sum[i].vcpu_used) > 1e-6 || std::fabs(p.ram_used - sum[i].ram_used) > 1e-6 ||
        std::fabs(p.disk_used - sum[i].disk_used) > 1e-6)
      out.push_back("placement: " + p.name + " uses VCPU " + num(p.vcpu_used) + ", MEMORY_MB " + num(p.ram_used) +
                    ", DISK_GB " + num(p.disk_used) + " but its allocations sum to " + num(sum[i].vcpu_used) + ", " +
                    num(sum[i].ram_used) + ", " + num(sum[i].disk_used));
    if (p.vcpu_used < 0 || p.ram_used < 0 || p.disk_used < 0)
      out.push_back("capacity: " + p.name + " has negative usage");
  }
  for (const auto& sv : s.servers)
    if (sv.vm_state == VmState::Active && !allocated.count(sv.uuid))
      out.push_back("placement: ACTIVE server " + std::string(sv.uuid) + " holds no allocation");

  // capacity
  std::map<std::string_view, double> provisioned;
  for (const auto& v : s.volumes)
    if (v.status != sem::volume_status::kDeleted && !v.backend.empty()) provisioned[v.backend] += v.size_gb;
  for (const auto& b : s.backends) {
    if (b.free_gb < -1e-6) out.push_back("capacity: backend " + b.name + " has " + num(b.free_gb) + " GB free");
    if (b.provisioned_gb < -1e-6)
      out.push_back("capacity: backend " + b.name + " has " + num(b.provisioned_gb) + " GB provisioned");
    if (std::fabs(b.provisioned_gb - provisioned[b.name]) > 1e-6)
      out.push_back("capacity: backend " + b.name + " counts " + num(b.provisioned_gb) +
                    " GB provisioned, its volumes hold " + num(provisioned[b.name]) + " GB");
  }
  return out;
}

}  // namespace bfv
