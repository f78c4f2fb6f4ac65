// The cloud's live API state during a run (what the services' databases hold), shared by the
// simulated services. Starts as the scenario's `cloud` section and changes as requests run.
#pragma once
#include <cstdint>
#include <cstdio>
#include <deque>
#include <map>
#include <unordered_map>
#include <optional>
#include <string>
#include <utility>

#include "models/semantics/cloud.hpp"

namespace bfv {

// Where a volume came from (VolumeRecord::source): the ids it names are the volume's own
// `image_id` (image, cache) or VolumeExtra::snapshot_id.
enum class VolumeSource : uint8_t { Preexisting, Image, Snapshot, Blank, Cache };

// What Cinder knows about a volume beyond its API view. One per volume, held by its slot in
// `cloud.volumes` (CloudDb::extra): at a million requests, a hash node keyed by a copy of the id and
// an "image:<id>" string per volume were ~250 bytes per request (issue 16 item 4).
struct VolumeExtra {
  std::string backend;
  std::string snapshot_id;  // the source snapshot (VolumeSource::Snapshot)
  std::string error;        // why it ended in `error`, as Cinder's user message / log says ("" = not in error)
  double last_used = 0;
  std::optional<int> request;
  int32_t create_span = -1;  // cinder-volume's span that made it available (causal link for reports)
  VolumeSource source = VolumeSource::Preexisting;
  bool cache_entry = false;  // an image-volume cache entry (owned by the internal tenant)
  bool delete_requested = false;

  // "image:<id>" | "snapshot:<id>" | "blank" | "preexisting" | "cache:<image>" (VolumeRecord::source)
  std::string source_text(const sem::Volume& v) const {
    switch (source) {
      case VolumeSource::Preexisting: return "preexisting";
      case VolumeSource::Image: return "image:" + v.image_id.value_or("");
      case VolumeSource::Snapshot: return "snapshot:" + snapshot_id;
      case VolumeSource::Blank: return "blank";
      case VolumeSource::Cache: return "cache:" + v.image_id.value_or("");
    }
    return "";
  }
};

struct CloudDb {
  CloudDb() = default;
  explicit CloudDb(sem::CloudState c) : cloud(std::move(c)) {}

  sem::CloudState cloud;

  // The extra state of volume `id`, made empty on first use (as a map's operator[] would). Held by
  // the volume's slot in `cloud.volumes` (which only grows during a run), in a deque: no doubling
  // copies, no per-volume node. An id with no volume row yet has its entry by id until the row exists.
  VolumeExtra& extra(const std::string& id) {
    long slot = cloud.volume_slot(id);
    if (slot < 0) return orphan_extra_[id];
    auto& ex = extra_at(static_cast<size_t>(slot));
    if (!orphan_extra_.empty()) {  // made before its row: move it to the row's slot
      auto it = orphan_extra_.find(id);
      if (it != orphan_extra_.end()) {
        ex = std::move(it->second);
        orphan_extra_.erase(it);
      }
    }
    return ex;
  }
  // Entries made by id before their volume's row existed go to the row's slot (before reading by slot).
  void adopt_orphans() {
    for (auto it = orphan_extra_.begin(); it != orphan_extra_.end();) {
      long slot = cloud.volume_slot(it->first);
      if (slot < 0) {
        ++it;
        continue;
      }
      extra_at(static_cast<size_t>(slot)) = std::move(it->second);
      it = orphan_extra_.erase(it);
    }
  }
  // The extra state of the volume in slot i of `cloud.volumes` (see adopt_orphans).
  VolumeExtra& extra_at(size_t i) {
    if (volume_extra_.size() <= i) volume_extra_.resize(i + 1);
    return volume_extra_[i];
  }

  std::map<std::string, sem::NovaUsage> nova_usage;      // by project
  std::map<std::string, sem::CinderUsage> cinder_usage;  // by project
  uint64_t next_uuid = 1;
  std::vector<sem::ProjectQuotas> projects;  // the scenario's projects (set by the run)

  // The project with this id, or null (then the cloud's default quotas apply).
  const sem::ProjectQuotas* project(const std::string& id) const {
    for (const auto& p : projects)
      if (p.id == id) return &p;
    return nullptr;
  }

  // Deterministic UUIDs: same scenario and seed -> same ids.
  std::string uuid(char kind) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%08x-0000-4000-8000-%012llx", static_cast<unsigned>(kind),
                  static_cast<unsigned long long>(next_uuid++));
    return buf;
  }

 private:
  std::deque<VolumeExtra> volume_extra_;  // by slot in cloud.volumes
  // by id, for ids with no row yet; adopt_orphans walks it, moving each entry to its own slot, so its
  // order cannot reach a result
  std::unordered_map<std::string, VolumeExtra> orphan_extra_;
};

}  // namespace bfv
