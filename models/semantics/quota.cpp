// Nova's instance quota at API time (nova/compute/utils.py::check_num_instances_quota; docs/bdm-rules.md), 403 on excess.
// Mirrors nova/compute/utils.py::check_num_instances_quota, get_headroom, get_over_quota_detail
// with the legacy DB quota driver (unified limits would count DISK_GB too; not modelled).
#include <algorithm>
#include <climits>

#include "models/semantics/server_create_detail.hpp"

namespace bfv::sem::detail {
namespace {
struct Res {
  const char* name;
  long long quota, used, delta;
};
std::string join(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) s += (s.empty() ? "" : ", ") + x;
  return s;
}
}  // namespace

int check_num_instances_quota(const Flavor& flavor, int min_count, int max_count, const NovaQuota& quota,
                              const NovaUsage& usage) {
  const long long req_cores = static_cast<long long>(max_count) * flavor.vcpus;
  const long long req_ram = static_cast<long long>(max_count) * flavor.ram_mb;
  // Deltas in Nova's dict order: instances, cores, ram (quota.py::_check_deltas keeps it).
  std::vector<Res> res{{"instances", quota.instances, usage.instances, max_count},
                       {"cores", quota.cores, usage.cores, req_cores},
                       {"ram", quota.ram_mb, usage.ram_mb, req_ram}};
  std::vector<const Res*> overs;
  for (const auto& r : res)
    if (r.quota >= 0 && r.quota < r.used + r.delta) overs.push_back(&r);
  if (overs.empty()) return max_count;

  // get_headroom: unlimited resources get "infinite" headroom (Nova derives it from instances).
  auto headroom = [](const Res& r) { return r.quota < 0 ? LLONG_MAX / 4 : r.quota - r.used; };
  long long allowed = headroom(res[0]);
  if (flavor.vcpus) allowed = std::min(allowed, headroom(res[1]) / flavor.vcpus);
  if (flavor.ram_mb) allowed = std::min(allowed, headroom(res[2]) / flavor.ram_mb);
  if (allowed > 0 && min_count <= allowed && allowed <= max_count)
    return check_num_instances_quota(flavor, min_count, static_cast<int>(allowed), quota, usage);  // silently fewer

  const std::string num =
      min_count == max_count ? std::to_string(min_count) : std::to_string(min_count) + "-" + std::to_string(max_count);
  std::vector<std::string> names, reqs, useds, alloweds;
  for (const Res* r : overs) {
    names.push_back(r->name);
    reqs.push_back(std::string(r->name) == "instances" ? num : std::to_string(r->delta));
    useds.push_back(std::to_string(r->used));
    alloweds.push_back(std::to_string(r->quota));
  }
  // nova/exception.py::TooManyInstances
  fail(403, "§2.F",
       "Quota exceeded for " + join(names) + ": Requested " + join(reqs) + ", but already used " + join(useds) +
           " of " + join(alloweds) + " " + join(names));
}

}  // namespace bfv::sem::detail
