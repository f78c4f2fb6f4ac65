// Messaging and database costs. Scenario: config.infra.<option>.
#pragma once

namespace bfv::infra {

struct Params {
  double rabbit_hop_time = 0.0005;   // s broker enqueue+dequeue per RPC message, on top of network latency; assumed
  double http_overhead = 0.002;      // s per HTTP request/response (TLS, keystone token cache hit); assumed
};

}  // namespace bfv::infra
