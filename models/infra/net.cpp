#include "models/infra/net.hpp"

#include <algorithm>
#include <vector>

namespace bfv::infra {

const std::pair<double, std::string>& Net::route(sg4::Host* a, sg4::Host* b) {
  auto key = std::make_pair(a, b);
  auto it = routes_.find(key);
  if (it != routes_.end()) return it->second;
  std::vector<sg4::Link*> links;
  double lat = 0;
  if (a != b) a->route_to(b, links, &lat);
  std::string slowest;
  double bw = 0;
  for (auto* l : links)
    if (slowest.empty() || l->get_bandwidth() < bw) {
      bw = l->get_bandwidth();
      slowest = "link:" + l->get_name();
    }
  return routes_.emplace(key, std::make_pair(lat, slowest)).first->second;
}

double Net::latency(sg4::Host* a, sg4::Host* b) { return route(a, b).first; }
std::string Net::bottleneck(sg4::Host* a, sg4::Host* b) { return route(a, b).second; }

const Net::NameIds& Net::ids(std::string_view name, bool http) {
  if (auto it = call_ids_.find(name); it != call_ids_.end()) return it->second;
  auto& log = ctx_.log();
  std::string n(name);
  NameIds v;
  if (http) {
    v.name = log.intern(n);
    v.service = log.intern("service:" + n);
    v.arrow = log.intern("http:" + n);
  } else {
    v.name = log.intern(n);
    v.arrow = log.intern("rpc:" + n);
    v.service = v.arrow;  // the message in transit, as the sender's span ("rpc:select_destinations")
  }
  return call_ids_.emplace(std::move(n), v).first->second;
}

void Net::message(const Endpoint& src, const Endpoint& dst, int request, std::string_view name) {
  sg4::Host* from = src.host;
  sg4::Host* to = dst.host;
  uint32_t track_from = src.track, track_to = dst.track;
  sg4::Host* bus = cp.broker ? cp.broker->host() : ctx_.platform.controller;
  double t0 = ctx_.now();
  double hop = cp.broker ? cp.broker->message_inline() : rabbit_hop_time;
  double d = latency(from, bus) + hop + bus_delay + latency(bus, to);
  auto& log = ctx_.log();
  const NameIds& n = ids(name, false);
  // The sender's span covers the message's transit (the calling actor sleeps it): the arrow leaves
  // from it, and the critical path counts broker time as "rpc:<name>" instead of a gap.
  auto id = log.begin_span(request, track_from, n.name, SpanKind::Rpc, t0, -1, -1, n.service);
  sg4::this_actor::sleep_for(d);
  log.end_span(id, ctx_.now());
  log.arrow(FlowArrow{request, n.arrow, track_from, track_to, t0, ctx_.now()});
}

Service::Outcome Net::http_request(const Caller& caller, Service& to, uint32_t track_to, double cpu_s, int queries,
                                   std::string_view name) {
  sg4::Host* from = caller.from.host;
  const int request = caller.request;
  const uint32_t track_from = caller.from.track;
  int32_t parent = caller.parent;
  auto& log = ctx_.log();
  double t0 = ctx_.now();
  double one_way = latency(from, to.host());
  const NameIds& n = ids(name, true);
  // The caller waits for the answer: its span encloses the server's, so the arrow leaves from a
  // span of the caller and the critical path still counts the time on the server's resource.
  int32_t client = -1;
  if (caller.from.traced() && track_from != track_to) {
    client = static_cast<int32_t>(log.begin_span(request, track_from, n.name, SpanKind::Rpc, t0, parent, -1, 0));
    parent = client;
  }
  auto id = log.begin_span(request, track_to, n.name, SpanKind::Rpc, t0, parent, -1, n.service);
  // Both route legs and the HTTP overhead in one sleep (one activity; the handling is what queues).
  sg4::this_actor::sleep_for(one_way + http_overhead + one_way);
  auto out = to.handle(request, track_to, static_cast<int32_t>(id), cpu_s, queries);
  log.end_span(id, ctx_.now(), out == Service::Outcome::Ok);
  if (client >= 0) log.end_span(static_cast<uint32_t>(client), ctx_.now());
  // A client outside the cloud has no span to draw the arrow from (it used to leave from the
  // receiving service's own track: a self-arrow on cinder-api / nova-api).
  if (caller.from.traced()) log.arrow(FlowArrow{request, n.arrow, track_from, track_to, t0, t0 + one_way});
  return out;
}

void Net::stream(const Caller& at, platform::Disk* src_disk, sg4::Host* src, sg4::Host* dst, platform::Disk* dst_disk,
                 double bytes, double cap_Bps, const std::string& what) {
  if (bytes <= 0) return;
  auto& log = ctx_.log();
  double t0 = ctx_.now();
  auto size = static_cast<uint64_t>(bytes);
  struct Stage {
    sg4::ActivityPtr act;
    std::string resource;
  };
  std::vector<Stage> stages;
  if (src_disk) stages.push_back({src_disk->read_async(size), "disk:" + src_disk->get_name()});
  if (src != dst) {
    stages.push_back({ctx_.platform.send(src, dst, size), bottleneck(src, dst)});
    ctx_.comm_started(bytes);
    if (cap_Bps > 0) {
      // A single client stream is CPU-bound (python-glanceclient reads and writes each chunk):
      // modelled as CPU work on the receiving host at speed/cap flop per byte, so the stream
      // runs at most at `cap` and competes for cores with qemu-img and other streams.
      double flops = bytes * dst->get_speed() / cap_Bps;
      auto e = sg4::this_actor::exec_init(flops);
      e->set_host(dst);
      e->start();
      stages.push_back({e, "cpu:" + dst->get_name() + " (client)"});
    }
  }
  if (dst_disk) stages.push_back({dst_disk->write_async(size), "disk:" + dst_disk->get_name()});
  // Wait in completion order so each stage's span ends when it really ended.
  std::vector<sg4::ActivityPtr> pending;
  for (auto& s : stages) pending.push_back(s.act);
  std::vector<std::string> res;
  for (auto& s : stages) res.push_back(s.resource);
  while (!pending.empty()) {
    ssize_t i = sg4::Activity::wait_any(pending);
    auto id = log.begin_span(at.request, at.from.track, log.intern(what), SpanKind::Activity, t0, at.parent, -1,
                             log.intern(res[i]));
    log.end_span(id, ctx_.now());
    pending.erase(pending.begin() + i);
    res.erase(res.begin() + i);
  }
}

void Net::compute(const Caller& at, double flops, const std::string& what) {
  if (flops <= 0) return;
  auto& log = ctx_.log();
  auto* host = sg4::this_actor::get_host();
  auto id = log.begin_span(at.request, at.from.track, log.intern(what), SpanKind::Activity, ctx_.now(), at.parent, -1,
                           log.intern("cpu:" + host->get_name()));
  sg4::this_actor::execute(flops);
  log.end_span(id, ctx_.now());
}

void Net::disk_io(const Caller& at, platform::Disk* disk, double bytes, bool write, const std::string& what) {
  if (bytes <= 0 || !disk) return;
  auto& log = ctx_.log();
  auto id = log.begin_span(at.request, at.from.track, log.intern(what), SpanKind::Activity, ctx_.now(), at.parent, -1,
                           log.intern("disk:" + disk->get_name()));
  auto size = static_cast<uint64_t>(bytes);
  if (write)
    disk->write(size);
  else
    disk->read(size);
  log.end_span(id, ctx_.now());
}

void Net::service(const Caller& at, double seconds, std::string_view what, std::string_view resource) {
  if (seconds <= 0) return;
  auto& log = ctx_.log();
  auto id = log.begin_span(at.request, at.from.track, log.intern(what), SpanKind::Wait, ctx_.now(), at.parent, -1,
                           log.intern(resource));
  sg4::this_actor::sleep_for(seconds);
  log.end_span(id, ctx_.now());
}

}  // namespace bfv::infra
