#include "models/glance/glance.hpp"

#include <algorithm>

namespace bfv::glance {

Glance::Glance(SimContext& ctx, infra::Net& net, CloudDb& db, const Params& p)
    : ctx_(ctx), net_(net), db_(db), p_(p), track_(ctx.log().track("glance-api")) {}

sg4::Host* Glance::host() const { return ctx_.platform.glance; }

double Glance::download(const infra::Caller& caller, const sem::Image& image, platform::Disk* dst_disk,
                        double client_cap_Bps) {
  const int request = caller.request;
  const uint32_t track = caller.from.track;
  sg4::Host* dst = caller.from.host;
  double bytes = static_cast<double>(image.size.value_or(0));
  auto& pf = ctx_.platform;
  // GET /v2/images/{id} (the image record and its locations: one query), served by a glance-api worker.
  auto& api = infra::pick(net_.cp.glance_api);
  net_.http(caller, infra::HttpTarget<ApiService>{&api, track_},
            std::max(0.0, p_.api_service_time - api.db_query_time()), 1, Route::ImageGet);
  // rbd store: glance-api reads the image from Ceph, then streams it on; file store: from its own disk.
  platform::Disk* store_disk = image.store == "rbd" && pf.ceph_disk ? pf.ceph_disk : pf.glance_disk;
  double read_bytes = bytes * slow_factor;  // a slow store behaves as if it had to read more
  // GET /v2/images/{id}/file: glance-api serves the stream (glance/api/v2/image_data.py::download).
  // Its span on glance-api's track encloses the stream's stages, so the time stays on the disks
  // and links that carry it; the arrow shows the consumer asking glance-api for the data.
  auto& log = ctx_.log();
  double t0 = ctx_.now();
  SpanScope serve(ctx_, {request, endpoint(), caller.parent}, "image_data.download", SpanKind::Rpc,
                  "service:glance-api");
  // The stream's stages are the consumer's (its track), under glance-api's span.
  const infra::Caller consumer = caller.under(serve.id());
  if (image.store == "rbd" && pf.ceph) {
    // Ceph -> glance-api and glance-api -> consumer are two concurrent legs of one stream.
    auto leg = pf.send(pf.ceph, pf.glance, static_cast<uint64_t>(bytes));
    ctx_.comm_started(bytes);
    net_.stream(consumer, store_disk, pf.glance, dst, dst_disk, read_bytes, client_cap_Bps, "image_download");
    leg->wait();
  } else {
    net_.stream(consumer, store_disk, pf.glance, dst, dst_disk, read_bytes, client_cap_Bps, "image_download");
  }
  if (caller.from.traced())
    log.arrow(FlowArrow{request, log.intern("http:" + std::string(name(Route::ImageDownload))), track, track_, t0,
                        std::min(ctx_.now(), t0 + net_.latency(dst, pf.glance))});
  return bytes;
}

void Glance::upload(const infra::Caller& client, double bytes, const std::string& store) {
  const infra::Caller at{client.request, endpoint(), client.parent};  // glance-api's work, under the client's span
  sg4::Host* src = client.from.host;
  auto& pf = ctx_.platform;
  if (store == "rbd" && pf.ceph) {
    net_.stream(at, nullptr, src, pf.glance, nullptr, bytes, 0, "image_upload");
    net_.stream(at, nullptr, pf.glance, pf.ceph, pf.ceph_disk, bytes, 0, "image_upload_store");
  } else {
    net_.stream(at, nullptr, src, pf.glance, pf.glance_disk, bytes, 0, "image_upload");
  }
}

}  // namespace bfv::glance
