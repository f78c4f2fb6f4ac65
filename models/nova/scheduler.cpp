#include "models/nova/scheduler.hpp"

#include <algorithm>
#include <cmath>

namespace bfv::nova {

bool Placement::fits(size_t i, const Resources& r) const {
  const auto& p = providers[i];
  return p.vcpu_used + r.vcpus <= p.vcpu_total && p.ram_used + r.ram_mb <= p.ram_total &&
         p.disk_used + r.disk_gb <= p.disk_total;
}

void Placement::allocate(size_t i, const std::string& consumer, const Resources& r) {
  auto& p = providers[i];
  p.vcpu_used += r.vcpus;
  p.ram_used += r.ram_mb;
  p.disk_used += r.disk_gb;
  allocations_[consumer] = {i, r};
}

void Placement::free(const std::string& consumer) {
  auto it = allocations_.find(consumer);
  if (it == allocations_.end()) return;
  auto& p = providers[it->second.first];
  const auto& r = it->second.second;
  p.vcpu_used -= r.vcpus;
  p.ram_used -= r.ram_mb;
  p.disk_used -= r.disk_gb;
  allocations_.erase(it);
}

std::vector<std::tuple<std::string, size_t, Resources>> Placement::all_allocations() const {
  std::vector<std::tuple<std::string, size_t, Resources>> out;
  for (const auto& [c, a] : allocations_) out.emplace_back(c, a.first, a.second);
  std::sort(out.begin(), out.end(), [](const auto& x, const auto& y) { return std::get<0>(x) < std::get<0>(y); });
  return out;
}

const Resources* Placement::allocation(const std::string& consumer) const {
  auto it = allocations_.find(consumer);
  return it == allocations_.end() ? nullptr : &it->second.second;
}

void Placement::build_result(size_t i, bool failed, double now, double period_s) {
  settle_stats(now);  // periodics that ran before this change flushed the older value
  auto& p = providers[i];
  int before = p.failed_builds_local;
  p.failed_builds_local = failed ? p.failed_builds_local + 1 : 0;
  if (p.failed_builds_local == before) return;
  double at = (std::floor(now / period_s) + 1) * period_s;
  pending_stats_.emplace_back(at, i);
}

void Placement::flush_stats(size_t i) { providers[i].failed_builds = providers[i].failed_builds_local; }

void Placement::settle_stats(double now) {
  if (pending_stats_.empty()) return;
  size_t keep = 0;
  for (size_t k = 0; k < pending_stats_.size(); ++k) {
    auto [at, i] = pending_stats_[k];
    if (at <= now)
      flush_stats(i);
    else
      pending_stats_[keep++] = pending_stats_[k];
  }
  pending_stats_.resize(keep);
}

namespace {
bool enabled(const ScheduleRequest& r, const char* f) {
  return std::find(r.enabled_filters.begin(), r.enabled_filters.end(), f) != r.enabled_filters.end();
}
}  // namespace

std::vector<size_t> select_destinations(Placement& placement, const ScheduleRequest& req, const std::string& consumer,
                                        std::mt19937_64& rng) {
  // Raw weigher values are gathered while placement answers, with their min and max, so the
  // weighing is one more pass (this runs once per request over up to max_placement_results hosts).
  constexpr int kWeighers = 4;  // RAM free, vCPU free, disk free, -failed builds (nova/scheduler/weights/)
  struct Cand {
    size_t i;
    double w;
    double raw[kWeighers];
  };
  std::vector<Cand> cands;
  const auto& ps = placement.providers;
  const size_t limit = req.max_placement_results > 0 ? static_cast<size_t>(req.max_placement_results) : ps.size();
  cands.reserve(std::min(limit, ps.size()));
  const double mult[kWeighers] = {req.ram_weight_multiplier, req.cpu_weight_multiplier, req.disk_weight_multiplier,
                                  req.build_failure_weight_multiplier};
  double lo[kWeighers], hi[kWeighers];
  std::fill(lo, lo + kWeighers, 1e300);
  std::fill(hi, hi + kWeighers, -1e300);
  // Loop invariants hoisted: this loop runs once per provider per request (10M times in a 10k storm).
  const bool compute_filter = enabled(req, "ComputeFilter");
  const std::string* want_arch = nullptr;
  const std::string* want_hv = nullptr;
  if (enabled(req, "ImagePropertiesFilter")) {
    if (auto a = req.image_props.find("hw_architecture"); a != req.image_props.end()) want_arch = &a->second;
    if (auto h = req.image_props.find("img_hv_type"); h != req.image_props.end()) want_hv = &h->second;
  }
  // Filters after placement, and the raw weigher values of the hosts that pass.
  auto consider = [&](size_t i) {
    const auto& p = ps[i];
    if (compute_filter && !p.up) return;                    // ComputeFilter: service down
    if (want_arch && *want_arch != p.architecture) return;  // ImagePropertiesFilter
    if (want_hv && *want_hv != p.hypervisor_type) return;
    Cand c{i,
           0,
           {p.ram_total - p.ram_used, p.vcpu_total - p.vcpu_used, p.disk_total - p.disk_used,
            -static_cast<double>(p.failed_builds)}};
    for (int k = 0; k < kWeighers; ++k) {
      lo[k] = std::min(lo[k], c.raw[k]);
      hi[k] = std::max(hi[k], c.raw[k]);
    }
    cands.push_back(c);
  };
  // Allocation candidates: providers with room, in the AZ if one was asked for (AvailabilityZoneFilter
  // is replaced by placement's member_of pre-filter since Xena; same effect).
  auto placement_answers = [&](size_t i) {
    return placement.fits(i, req.res) &&
           (req.availability_zone.empty() || ps[i].availability_zone == req.availability_zone);
  };
  if (!req.randomize_allocation_candidates) {
    // The first `limit` in provider order (GET /allocation_candidates?limit=).
    for (size_t i = 0, answered = 0; i < ps.size() && answered < limit; ++i)
      if (placement_answers(i)) {
        ++answered;
        consider(i);
      }
  } else {
    std::vector<size_t> all;
    for (size_t i = 0; i < ps.size(); ++i)
      if (placement_answers(i)) all.push_back(i);
    if (all.size() > limit) {
      // random.sample(all, limit): a partial Fisher-Yates shuffle on the run's seeded generator, then
      // back in provider order (ties between equal weights are broken by provider order).
      for (size_t k = 0; k < limit; ++k)
        std::swap(all[k], all[std::uniform_int_distribution<size_t>(k, all.size() - 1)(rng)]);
      all.resize(limit);
      std::sort(all.begin(), all.end());
    }
    for (size_t i : all) consider(i);
  }
  if (cands.empty()) return {};
  // Weighers: each raw value normalised to [0,1] over the candidates (weights.normalize: all equal
  // gives 0), times its multiplier.
  // Same operation order as nova/weights.py: multiplier * ((v - min) / (max - min)).
  for (int k = 0; k < kWeighers; ++k) {
    if (mult[k] == 0 || !(hi[k] > lo[k])) continue;
    const double range = hi[k] - lo[k];
    for (auto& c : cands) c.w += mult[k] * ((c.raw[k] - lo[k]) / range);
  }
  // Only the best max(host_subset_size, max_attempts) matter: a partial sort, ties broken by
  // provider order (the same order a stable sort gives).
  size_t keep =
      std::min<size_t>(cands.size(), static_cast<size_t>(std::max({1, req.host_subset_size, req.max_attempts})));
  std::partial_sort(cands.begin(), cands.begin() + static_cast<long>(keep), cands.end(),
                    [](const Cand& a, const Cand& b) { return a.w > b.w || (a.w == b.w && a.i < b.i); });
  // host_subset_size: pick randomly among the best N (scheduler/manager.py::_get_sorted_hosts).
  size_t n = std::min<size_t>(std::max(1, req.host_subset_size), cands.size());
  size_t pick = n > 1 ? std::uniform_int_distribution<size_t>(0, n - 1)(rng) : 0;
  std::swap(cands[0], cands[pick]);
  std::vector<size_t> out{cands[0].i};
  placement.allocate(cands[0].i, consumer, req.res);
  for (size_t k = 1; k < keep && static_cast<int>(out.size()) < req.max_attempts; ++k) out.push_back(cands[k].i);
  return out;
}

}  // namespace bfv::nova
