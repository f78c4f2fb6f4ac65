// The cloud's API-visible state as Nova, Cinder and Glance see it, and the configuration
// options that change what they accept. Pure data: no SimGrid, no YAML.
//
// Units follow the OpenStack APIs themselves: flavor ram in MB, disk/volume sizes in GB,
// image size and virtual_size in bytes. Option names are the real nova.conf / cinder.conf /
// glance-api.conf names; defaults are upstream defaults (see docs/configuration.md).
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/shared.hpp"
#include "models/cinder/params.hpp"
#include "models/glance/params.hpp"
#include "models/nova/params.hpp"
#include "models/semantics/volume_status.hpp"

namespace bfv::sem {

struct Flavor {
  std::string id;
  std::string name;
  int vcpus = 1;
  int ram_mb = 512;      // MB, as the API's `ram`
  int disk_gb = 1;       // root_gb
  int ephemeral_gb = 0;  // OS-FLV-EXT-DATA:ephemeral
  int swap_mb = 0;       // MB, as the API's `swap`
  bool disabled = false;
  std::map<std::string, std::string> extra_specs;
  bool operator==(const Flavor&) const = default;
};

struct Image {
  std::string id;
  std::string name;
  std::string status = "active";  // queued|saving|active|killed|deleted|pending_delete|deactivated|uploading|importing
  std::optional<int64_t> size;    // bytes stored (null while queued)
  std::optional<int64_t> virtual_size;  // bytes
  std::string disk_format = "qcow2";
  std::string container_format = "bare";
  int min_disk = 0;  // GB
  int min_ram = 0;   // MB
  std::string visibility = "shared";
  std::string owner;
  bool is_protected = false;
  std::map<std::string, std::string> properties;  // e.g. hw_disk_bus, root_device_name
  std::vector<std::string> tags;                  // Glance image tags (added for glance_api.hpp; kept sorted, unique)
  bool os_hidden = false;                         // Glance os_hidden (images API 2.7)
  // block_device_mapping from image metadata (bdm_v2=True images made by snapshotting a
  // volume-backed server): the raw list as Glance stores it in the `block_device_mapping` property.
  nlohmann::json block_device_mapping = nlohmann::json::array();
  bool bdm_v2 = false;
  // Where the bytes live: "file" (glance file store) or "rbd" (Ceph pool shared with Cinder).
  std::string store = "file";
};

// A volume's `volume_image_metadata` when it has none: one empty object shared by every such volume.
inline const Shared<nlohmann::json>& no_image_metadata() {
  static const Shared<nlohmann::json> v(nlohmann::json::object());
  return v;
}

struct Volume {
  std::string id;
  std::string name;
  int size_gb = 1;
  std::string status = "available";  // available|in-use|creating|downloading|error|reserved|...
  bool bootable = false;
  std::string volume_type;
  std::string availability_zone = "nova";
  std::string project;
  bool multiattach = false;
  std::vector<std::string> attached_to;  // server ids
  std::optional<std::string> image_id;   // volume_image_metadata.image_id when made from an image
  // as Cinder returns it; one value shared by the volumes made from one image (core/shared.hpp: at a
  // million requests a copy per volume was ~128 bytes per request, issue 16 item 4)
  Shared<nlohmann::json> volume_image_metadata = no_image_metadata();
};

struct Snapshot {
  std::string id;
  std::string volume_id;
  int size_gb = 1;
  std::string status = "available";
  std::string project;
};

struct VolumeType {
  std::string name;
  std::string id;
  std::string backend;  // volume_backend_name extra spec
};

struct CloudState {
  std::vector<std::string> availability_zones{"nova"};
  std::vector<Flavor> flavors;
  std::vector<Image> images;
  std::vector<Volume> volumes;
  std::vector<Snapshot> snapshots;
  std::vector<VolumeType> volume_types;
  std::vector<std::string> keypairs;                // names; empty = any key_name accepted
  std::vector<std::string> networks;                // uuids; empty = any network accepted
  std::string default_volume_type = "__DEFAULT__";  // cinder.conf default_volume_type

  const Flavor* find_flavor(const std::string& id_or_name) const;
  const Image* find_image(const std::string& id) const;
  const Volume* find_volume(const std::string& id) const;
  const Snapshot* find_snapshot(const std::string& id) const;
  const VolumeType* find_volume_type(const std::string& name_or_id) const;
  Volume* find_volume(const std::string& id);
  Image* find_image(const std::string& id);
  // The index of volume `id` in `volumes`, or -1.
  long volume_slot(const std::string& id) const;

 private:
  // Volume lookups by id are on every poll of every build: an index keeps them O(1) in storms.
  // `volumes` only grows during a run; the index catches up lazily and is rebuilt if it is stale.
  // Open addressing on the ids' hashes, holding slots (slot + 1; 0 = empty) and comparing the
  // volume's own id: 4-8 bytes per volume, where a hash map node keyed by a copy of the id was
  // ~100 (issue 16 item 4). Load factor at most 1/2, linear probing.
  mutable std::vector<uint32_t> volume_index_;
  mutable size_t volumes_indexed_ = 0;
  void index_volume(size_t slot) const;
};

// The options that change what nova-api, cinder-api and glance-api accept, and the default nova
// quota, are declared with their services' other options (one home each, with group, name, unit,
// default and source): models/nova/params.hpp, models/cinder/params.hpp, models/glance/params.hpp.
using NovaConfig = nova::ApiOptions;
using CinderConfig = cinder::ApiOptions;
using GlanceConfig = glance::ApiOptions;
// Quota limits of one project; -1 = unlimited. Defaults are upstream's.
using NovaQuota = nova::Quota;
struct CinderQuota {
  long long volumes = 10;                               // quota_volumes
  long long gigabytes = 1000;                           // quota_gigabytes
  long long snapshots = 10;                             // quota_snapshots
  std::map<std::string, long long> volumes_per_type;    // volumes_<type>
  std::map<std::string, long long> gigabytes_per_type;  // gigabytes_<type>
};

// A project and its quotas (scenario `projects:`; a project not listed gets the cloud's defaults).
struct ProjectQuotas {
  std::string id;
  NovaQuota nova;
  CinderQuota cinder;
};
struct NovaUsage {
  long long instances = 0, cores = 0, ram_mb = 0;
};
struct CinderUsage {
  long long volumes = 0, gigabytes = 0, snapshots = 0;
  std::map<std::string, long long> volumes_per_type;
  std::map<std::string, long long> gigabytes_per_type;
};

}  // namespace bfv::sem
