// Who sends a message and where it goes (issue 12): a service instance is an Endpoint (the host it
// runs on, its event-log track); a message's sender is a Caller (the request it serves, its endpoint,
// the span it is sent from). A receiver's address is an Address<Service>, obtained only from the
// receiving service object (ComputeNode::endpoint(), VolumeManager::endpoint(), ...), and each
// protocol message (models/*/protocol.hpp) names the service that receives it, so Net::cast /
// Net::call / Net::http do not compile when a message is addressed to another kind of service.
// Messages still cost latency waits, not mailboxes (models/infra/net.hpp).
#pragma once
#include <cstdint>
#include <limits>

#include <simgrid/s4u/Host.hpp>

namespace bfv::infra {

struct Endpoint {
  // A client outside the cloud (the workload driver, Rally's client): it has no track, so its
  // requests leave no span and no arrow of their own (the receiving service's span shows them).
  static constexpr uint32_t kNoTrack = std::numeric_limits<uint32_t>::max();
  simgrid::s4u::Host* host = nullptr;
  uint32_t track = kNoTrack;
  bool traced() const { return track != kNoTrack; }
};

// The receiving end of a message to a `Service` (a tag type from a protocol header).
template <class Service>
struct Address : Endpoint {
  Address() = default;
  Address(simgrid::s4u::Host* h, uint32_t t) : Endpoint{h, t} {}
};

// The sender of a message: replaces the four loose ids (request, host, track, parent span).
struct Caller {
  int request = -1;
  Endpoint from;
  int32_t parent = -1;
  // The same caller sending from inside another of its spans.
  Caller under(int32_t span) const { return Caller{request, from, span}; }
};

// The service a protocol message is addressed to: each protocol header declares (never defines)
// `SomeService receiver(SomeMessage);`, found by argument-dependent lookup.
template <class Message>
using receiver_t = decltype(receiver(Message{}));

}  // namespace bfv::infra
