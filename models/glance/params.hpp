// glance-api.conf options: what glance-api accepts (ApiOptions, read by the pure semantics in
// models/semantics) and bfvsim's assumed service time. describe() below declares every option;
// config.glance.<group>.<option>, --glance-conf, `bfvsim schema`, `bfvsim options` and
// docs/configuration.md all walk it. Plain data: no SimGrid (models/semantics includes this header).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "models/infra/params.hpp"
#include "core/options.hpp"

namespace bfv::glance {

// glance-api.conf options that change what glance-api accepts; the semantics functions take this
// struct (sem::GlanceConfig is its name there).
struct ApiOptions {
  int64_t image_size_cap = 1099511627776LL;  // bytes (1 TiB), glance/common/config.py
  int64_t user_storage_quota = 0;            // bytes, 0 = unlimited; glance/common/config.py
  int image_tag_quota = 128;                 // glance/common/config.py; <0 = unlimited (not configurable)
  int image_property_quota = 128;            // glance/common/config.py; <0 = unlimited (not configurable)
  std::vector<std::string> disk_formats{"ami", "ari",   "aki", "vhd", "vhdx", "vmdk",
                                        "raw", "qcow2", "vdi", "iso", "ploop"};
  std::vector<std::string> container_formats{"ami", "ari", "aki", "bare", "ovf", "ova", "docker", "compressed"};
};

struct Params {
  ApiOptions api;                      // what glance-api accepts
  bool show_image_direct_url = false;  // must be true for Cinder's RBD clone path; glance/common/config.py
  double api_service_time = 0.020;     // s per glance-api request; assumed
};

// Every glance-api.conf option bfvsim reads, in the order the loader lists them.
template <class D>
void describe(D& d, Params& p, infra::Params& ip) {
  d.group("DEFAULT");
  d.bytes("image_size_cap", p.api.image_size_cap, {"bytes (1 TiB)", "glance/common/config.py", "yes (API)"});
  d.bytes("user_storage_quota", p.api.user_storage_quota,
          {"bytes, 0 = unlimited (an ini file may add B, KB, MB, GB or TB)", "glance/common/config.py", "yes (API)"});
  d.opt("show_image_direct_url", p.show_image_direct_url,
        {"bool", "glance/common/config.py", "yes (must be true for Cinder's RBD clone)"});
  d.opt("workers", ip.glance_api.workers,
        {"processes, 0 = min(CPU count of the Glance host, 8)",
         "glance/common/wsgi.py::get_num_workers (until 01b828cbf)", "yes (glance-api pool)", 0,
         "at least 1 (0 or unset: min(CPU count, 8))"});
  d.group("database");
  infra::describe_database(d, ip.glance_database, "yes (glance-api)");
  d.group("timing");
  d.time("api_service_time", p.api_service_time,
         {"time", "assumed",
          "yes (image create; GET /v2/images/{id} before every download: 1 query, the rest glance-api CPU)"});
}

}  // namespace bfv::glance
