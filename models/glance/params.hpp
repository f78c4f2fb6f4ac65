// glance-api.conf options. Scenario: config.glance.<group>.<option>.
#pragma once
#include <cstdint>

namespace bfv::glance {

struct Params {
  int64_t image_size_cap = 1099511627776LL;  // bytes (1 TiB); glance/common/config.py
  int64_t user_storage_quota = 0;            // bytes, 0 = unlimited; glance/common/config.py
  bool show_image_direct_url = false;        // must be true for Cinder's RBD clone path; glance/common/config.py
  double api_service_time = 0.020;           // s per glance-api request; assumed
};

}  // namespace bfv::glance
