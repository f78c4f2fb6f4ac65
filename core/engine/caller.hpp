// Who does a piece of work (issue 12): a service instance is an Endpoint (the host it runs on, its
// event-log track); the work's Caller is the request it serves, that endpoint and the span it is
// done under. Every span a service files (SpanScope, Net::stream/compute/disk_io/service, the
// messages of models/infra/net.hpp) takes a Caller, never the four loose ids, and services hand
// out Callers built from their own endpoint (ComputeNode::caller, VolumeManager::caller, ...), so
// a span lands on the track of the service doing the work. models/infra/endpoint.hpp adds the
// typed receiving end (Address<Service>).
#pragma once
#include <cstdint>
#include <limits>

namespace simgrid::s4u {
class Host;
}

namespace bfv {

struct Endpoint {
  // A client outside the cloud (the workload driver, Rally's client): it has no track, so its
  // requests leave no span and no arrow of their own (the receiving service's span shows them).
  static constexpr uint32_t kNoTrack = std::numeric_limits<uint32_t>::max();
  simgrid::s4u::Host* host = nullptr;
  uint32_t track = kNoTrack;
  bool traced() const { return track != kNoTrack; }
};

// The sender of a message or the doer of a piece of work.
struct Caller {
  int request = -1;
  Endpoint from;
  int32_t parent = -1;
  // The same caller working from inside another of its spans.
  Caller under(int32_t span) const { return Caller{request, from, span}; }
};

}  // namespace bfv
