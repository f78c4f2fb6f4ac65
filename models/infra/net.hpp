// Control-plane messages and bulk data movement.
//
// Control messages (RPC casts/calls through RabbitMQ, HTTP between services) are tiny; they cost the
// routed one-way latency of each hop as a wait (SimGrid 3.32 has no MessageQueue; a mailbox comm per
// message would cost 3/4 of the wall time for no fidelity gain), plus what the
// services do with them: broker CPU per message, and for an HTTP call the receiving service's
// worker, CPU and database queries (control_plane.hpp), where requests queue under load.
//
// Bulk bytes move as real SimGrid activities started by the service that owns them: a Comm over
// the routed links (optionally rate-capped, e.g. glanceclient's single-stream CPU limit), an Io on
// a disk, an Exec on a host's cores. A streamed copy (read disk -> network -> write disk) runs its
// stages concurrently and ends when the slowest stage ends: the stages share bandwidth with every
// other flow on the same link or disk, which is where storms hurt.
#pragma once
#include <map>
#include <memory>
#include <string_view>
#include <unordered_map>
#include <string>
#include <utility>

#include <simgrid/s4u.hpp>

#include "models/infra/control_plane.hpp"
#include "core/engine/sim_context.hpp"
#include "models/infra/endpoint.hpp"

namespace bfv::infra {

// The copy of a service that serves an HTTP request, and that service's track.
template <class ServiceTag>
struct HttpTarget {
  Service* service = nullptr;
  uint32_t track = 0;
};

class Net {
 public:
  explicit Net(SimContext& ctx) : ctx_(ctx) {}

  // One-way route latency between two hosts (s), cached.
  double latency(sg4::Host* a, sg4::Host* b);
  // The slowest link on the route, "link:<name>" (what a flow on that route is most likely waiting for).
  std::string bottleneck(sg4::Host* a, sg4::Host* b);

  // An RPC cast, or a call's request leg: from -> broker -> to: the route latencies, and the broker's
  // CPU per message (an Exec on the broker host). Runs in the calling actor. `to` comes from the
  // receiving service object and must be the service `msg` names (models/*/protocol.hpp).
  template <class Msg>
  void rpc(Endpoint from, Address<receiver_t<Msg>> to, int request, Msg msg) {
    message(from, to, request, name(msg));
  }
  // A call's reply leg, back to the caller: "<name>_reply".
  template <class Call>
  void reply(Address<receiver_t<Call>> from, Endpoint to, int request, Call call) {
    message(from, to, request, reply_name(call));
  }
  // An HTTP request + response to a service: route latency both ways and the HTTP overhead, and the
  // service's handling (a worker, `cpu_s` of its CPU, `queries` database queries; control_plane.hpp).
  // `to` is the copy of the receiving service that serves it and that service's track.
  template <class Route>
  Service::Outcome http(const Caller& caller, HttpTarget<receiver_t<Route>> to, double cpu_s, int queries,
                        Route route) {
    return http_request(caller, *to.service, to.track, cpu_s, queries, name(route));
  }

  // The control plane (set up by the run once the platform exists).
  ControlPlane cp;

  // Streamed copy of `bytes`: read from src_disk (may be null), send src -> dst (skipped when equal), write to dst_disk
  // (may be null). `cap_Bps` <= 0 means uncapped. Logs one Activity span per stage under `parent`.
  // Each span is filed on `at`'s track under its parent (core/engine/caller.hpp).
  void stream(const Caller& at, platform::Disk* src_disk, sg4::Host* src, sg4::Host* dst, platform::Disk* dst_disk,
              double bytes, double cap_Bps, const std::string& what);
  // CPU work on the calling actor's host.
  void compute(const Caller& at, double flops, const std::string& what);
  // Disk I/O on one disk.
  void disk_io(const Caller& at, platform::Disk* disk, double bytes, bool write, const std::string& what);
  // A fixed service time (documented parameter), logged as a Wait on `resource`.
  void service(const Caller& at, double seconds, std::string_view what, std::string_view resource);

  double rabbit_hop_time = 0;  // from infra::Params
  double http_overhead = 0;
  double bus_delay = 0;  // injected fault: extra delay per RPC message

 private:
  void message(const Endpoint& from, const Endpoint& to, int request, std::string_view name);
  Service::Outcome http_request(const Caller& caller, Service& to, uint32_t track_to, double cpu_s, int queries,
                                std::string_view name);
  SimContext& ctx_;
  // By (from, to) host; hashed (never iterated): two lookups per RPC, ~10,000 pairs at 5,000 computes.
  struct HostPairHash {
    size_t operator()(const std::pair<sg4::Host*, sg4::Host*>& p) const {
      return std::hash<const void*>()(p.first) * 31 + std::hash<const void*>()(p.second);
    }
  };
  std::unordered_map<std::pair<sg4::Host*, sg4::Host*>, std::pair<double, std::string>, HostPairHash> routes_;
  // Interned event-log names per RPC / HTTP call name ("rpc:X"; "X", "service:X", "http:X"), built once.
  struct NameIds {
    uint32_t name = 0, service = 0, arrow = 0;
  };
  std::unordered_map<std::string, NameIds, StringViewHash, std::equal_to<>> call_ids_;
  const NameIds& ids(std::string_view name, bool http);
  const std::pair<double, std::string>& route(sg4::Host* a, sg4::Host* b);
};

}  // namespace bfv::infra
