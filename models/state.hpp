// The cloud's live API state during a run (what the services' databases hold), shared by the
// simulated services. Starts as the scenario's `cloud` section and changes as requests run.
#pragma once
#include <cstdint>
#include <cstdio>
#include <map>
#include <unordered_map>
#include <optional>
#include <string>

#include "models/semantics/cloud.hpp"

namespace bfv {

// What Cinder knows about a volume beyond its API view.
struct VolumeExtra {
  std::string backend;
  std::string source = "preexisting";  // image:<id> | snapshot:<id> | volume:<id> | blank | preexisting | cache:<image>
  std::optional<int> request;
  bool cache_entry = false;  // an image-volume cache entry (owned by the internal tenant)
  std::string cache_image;
  double last_used = 0;
  bool delete_requested = false;
  int32_t create_span = -1;  // cinder-volume's span that made it available (causal link for reports)
  std::string error;         // why it ended in `error`, as Cinder's user message / log says ("" = not in error)
};

struct CloudDb {
  sem::CloudState cloud;
  // By volume id; hashed, not ordered: bfvsim's uuids share a 30-character prefix, so a tree's
  // comparisons were a memcmp hot spot. Never iterated (iteration order would leak into results).
  std::unordered_map<std::string, VolumeExtra> volume_extra;
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
};

}  // namespace bfv
