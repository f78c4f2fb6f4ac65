// nova-scheduler with placement, pure (no SimGrid):
//  - placement inventories VCPU / MEMORY_MB / DISK_GB with allocation ratios and reserved amounts,
//    allocation candidates = providers with room (scheduler/manager.py, scheduler/utils.py);
//    for boot-from-volume the root disk is not requested as DISK_GB (ResourceRequest.from_request_spec);
//  - filters: ComputeFilter (service up), AvailabilityZoneFilter, ImagePropertiesFilter-lite
//    (image hw_architecture / img_hv_type against the host's);
//  - weighers: RAM, CPU, disk free (normalised to [0,1], multipliers), BuildFailureWeigher;
//  - choose randomly among the best host_subset_size, then alternates up to max_attempts - 1;
//  - placement answers at most max_placement_results candidates ([scheduler], default 1000), the
//    first ones in provider order (placement's randomize_allocation_candidates defaults to False),
//    after its pre-filters (resources, AZ via member_of); the filters and weighers see only those;
//    with placement's randomize_allocation_candidates, a random sample of that many instead.
#pragma once
#include <map>
#include <unordered_map>
#include <random>
#include <string>
#include <tuple>
#include <vector>

namespace bfv::nova {

struct Provider {
  // What select_destinations reads for every provider of every request comes first, in one 64-byte
  // cache line; the strings (32 bytes each) after it are read only when a filter needs them.
  double vcpu_total = 0, ram_total = 0, disk_total = 0;  // capacity after ratios and reserved
  double vcpu_used = 0, ram_used = 0, disk_used = 0;
  int failed_builds = 0;
  bool up = true;
  std::string name;
  std::string availability_zone = "nova";
  std::string architecture = "x86_64";
  std::string hypervisor_type = "qemu";
  // nova-compute's own count of consecutive failed builds (ResourceTracker stats 'failed_builds',
  // nova/compute/stats.py::build_failed/build_succeeded). The scheduler's BuildFailureWeigher reads
  // `failed_builds` above: the value last saved in the ComputeNode record, which happens at the
  // next instance_claim on the node (resource_tracker.py::_update_usage_from_instance + _update)
  // or at the next update_available_resource periodic (manager.py::_build_failed: "wait for the
  // next update_available_resource() periodic to flush it to the DB").
  int failed_builds_local = 0;
};

struct Resources {
  int vcpus = 0;
  int ram_mb = 0;
  int disk_gb = 0;
};

struct ScheduleRequest {
  Resources res;
  std::string availability_zone;                   // "" = any
  std::map<std::string, std::string> image_props;  // hw_architecture, img_hv_type
  int max_attempts = 3;
  int host_subset_size = 1;
  int max_placement_results = 1000;  // <= 0: no limit
  // placement.conf [placement] randomize_allocation_candidates (default False): when more providers
  // fit than the limit, placement answers a random sample of `limit` of them instead of the first
  // ones (placement/objects/allocation_candidate.py::limit_results, random.sample).
  bool randomize_allocation_candidates = false;
  std::vector<std::string> enabled_filters;
  double ram_weight_multiplier = 1, cpu_weight_multiplier = 1, disk_weight_multiplier = 1;
  double build_failure_weight_multiplier = 1e6;
};

class Placement {
 public:
  std::vector<Provider> providers;
  bool fits(size_t i, const Resources& r) const;
  void allocate(size_t i, const std::string& consumer, const Resources& r);
  void free(const std::string& consumer);
  const Resources* allocation(const std::string& consumer) const;
  // Every allocation as (consumer, provider, resources), sorted by consumer (deterministic).
  std::vector<std::tuple<std::string, size_t, Resources>> all_allocations() const;
  size_t provider_of(const std::string& consumer) const { return allocations_.at(consumer).first; }
  // Build results reported by compute i at `now` ([compute] consecutive_build_service_disable_threshold
  // nonzero): failed (FAILED or RESCHEDULED) increments, success resets. Visible to the scheduler
  // at the next periodic boundary (multiples of `period_s`) or the next claim on i, whichever first.
  void build_result(size_t i, bool failed, double now, double period_s);
  void flush_stats(size_t i);     // instance_claim saved the ComputeNode
  void settle_stats(double now);  // periodics that have run by `now`

 private:
  std::vector<std::pair<double, size_t>> pending_stats_;  // (flush time, provider), unsorted, small
  // by consumer (instance uuid); hashed like CloudDb::volume_extra, never iterated
  std::unordered_map<std::string, std::pair<size_t, Resources>> allocations_;
};

// Returns [selected, alternate, ...] provider indices (allocation claimed on the selected one), or empty: NoValidHost.
std::vector<size_t> select_destinations(Placement& placement, const ScheduleRequest& req, const std::string& consumer,
                                        std::mt19937_64& rng);

}  // namespace bfv::nova
