// glance-api and its stores. Image bytes stream from the store (the file store's disk on the
// Glance host, or the Ceph cluster for the rbd store) through glance-api to the consumer
// (glance/api/v2/image_data.py::ImageDataController.download streams through glance-api; its NIC is shared by all of them).
#pragma once
#include <string>

#include "models/glance/params.hpp"
#include "models/glance/protocol.hpp"
#include "models/infra/net.hpp"
#include "models/state.hpp"

namespace bfv::glance {

class Glance {
 public:
  Glance(SimContext& ctx, infra::Net& net, CloudDb& db, const Params& p);
  const Params& params() const { return p_; }

  // GET /v2/images/{id}, then GET /v2/images/{id}/file into the caller's host (writing to `dst_disk`
  // when not null), single-stream capped at `client_cap_Bps` (<= 0: uncapped). Returns the bytes moved.
  double download(const infra::Caller& caller, const sem::Image& image, platform::Disk* dst_disk,
                  double client_cap_Bps);
  // PUT /v2/images/{id}/file from the client's host: the bytes go to the store (spans on glance-api's
  // track, under `client.parent`).
  void upload(const infra::Caller& client, double bytes, const std::string& store);

  uint32_t track() const { return track_; }
  sg4::Host* host() const;
  infra::Address<ApiService> endpoint() const { return {host(), track_}; }
  double slow_factor = 1;  // injected fault: store read slowed by this factor (glance_slow)

 private:
  SimContext& ctx_;
  infra::Net& net_;
  CloudDb& db_;
  Params p_;
  uint32_t track_;
};

}  // namespace bfv::glance
