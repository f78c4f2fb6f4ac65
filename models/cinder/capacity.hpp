// cinder-scheduler's backend choice, pure: CapacityFilter exactly as
// cinder/scheduler/filters/capacity_filter.py + sched_utils.calculate_capacity_factors, and
// CapacityWeigher (most virtual free capacity wins; capacity_weight_multiplier 1.0).
#pragma once
#include <string>
#include <vector>

namespace bfv::cinder {

struct BackendCapacity {
  std::string name;
  std::string availability_zone = "nova";
  bool thin = true;           // thin provisioning support (LVM thin, RBD)
  double total_gb = 0;        // total_capacity_gb
  double free_gb = 0;         // free_capacity_gb (physical)
  double provisioned_gb = 0;  // provisioned_capacity_gb (sum of volume sizes)
  double max_over_subscription_ratio = 20.0;
  int reserved_percentage = 0;
  bool up = true;
};

// True when the backend passes CapacityFilter for a volume of `size_gb`.
bool capacity_filter_passes(const BackendCapacity& b, double size_gb);
// Virtual free capacity used by CapacityWeigher.
double virtual_free_gb(const BackendCapacity& b);
// Index of the chosen backend among those allowed (by volume type / AZ), or -1: "No valid backend was found."
int choose_backend(const std::vector<BackendCapacity>& backends, const std::vector<std::string>& allowed,
                   const std::string& az, double size_gb);

}  // namespace bfv::cinder
