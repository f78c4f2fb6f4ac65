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

#include "core/engine/caller.hpp"

namespace bfv::infra {

using Endpoint = bfv::Endpoint;  // core/engine/caller.hpp: spans (SpanScope) take them too
using Caller = bfv::Caller;

// The receiving end of a message to a `Service` (a tag type from a protocol header).
template <class Service>
struct Address : Endpoint {
  Address() = default;
  Address(simgrid::s4u::Host* h, uint32_t t) : Endpoint{h, t} {}
};

// The service a protocol message is addressed to: each protocol header declares (never defines)
// `SomeService receiver(SomeMessage);`, found by argument-dependent lookup.
template <class Message>
using receiver_t = decltype(receiver(Message{}));

}  // namespace bfv::infra
