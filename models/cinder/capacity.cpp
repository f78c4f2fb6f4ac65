#include "models/cinder/capacity.hpp"

#include <algorithm>
#include <cmath>

namespace bfv::cinder {

double virtual_free_gb(const BackendCapacity& b) {
  double reserved = std::floor(b.total_gb * b.reserved_percentage / 100.0);
  if (b.thin && b.max_over_subscription_ratio >= 1) {
    double total_available = (b.total_gb - reserved) * b.max_over_subscription_ratio;
    return total_available - b.provisioned_gb;
  }
  return std::min(b.free_gb - reserved, b.total_gb - reserved - b.provisioned_gb);
}

bool capacity_filter_passes(const BackendCapacity& b, double size_gb) {
  if (!b.up) return false;
  double reserved = std::floor(b.total_gb * b.reserved_percentage / 100.0);
  if (b.thin && b.max_over_subscription_ratio >= 1) {
    double total_available = (b.total_gb - reserved) * b.max_over_subscription_ratio;
    if (total_available <= 0) return false;
    if ((b.provisioned_gb + size_gb) / total_available > b.max_over_subscription_ratio) return false;
    return total_available - b.provisioned_gb >= size_gb;
  }
  return virtual_free_gb(b) >= size_gb;
}

int choose_backend(const std::vector<BackendCapacity>& backends, const std::vector<std::string>& allowed,
                   const std::string& az, double size_gb) {
  int best = -1;
  double best_free = 0;
  for (size_t i = 0; i < backends.size(); ++i) {
    const auto& b = backends[i];
    if (!allowed.empty() && std::find(allowed.begin(), allowed.end(), b.name) == allowed.end()) continue;
    if (!az.empty() && b.availability_zone != az) continue;  // AvailabilityZoneFilter
    if (!capacity_filter_passes(b, size_gb)) continue;
    double f = virtual_free_gb(b);
    if (best < 0 || f > best_free) {  // ties: first in configuration order (deterministic)
      best = static_cast<int>(i);
      best_free = f;
    }
  }
  return best;
}

}  // namespace bfv::cinder
