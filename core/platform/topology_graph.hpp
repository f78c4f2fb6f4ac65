// The cloud's network as a graph first: hosts and switches as vertices, links as edges.
// Validation happens here (connected, no dangling link, every service placed) before any
// SimGrid object exists, so a bad topology is a clear scenario error, not a routing abort.
#pragma once
#include <string>
#include <vector>

#include <boost/graph/adjacency_list.hpp>

#include "core/platform/topology.hpp"

namespace bfv::platform {

struct Vertex {
  std::string name;
  std::string kind;  // host | switch
  std::string role;  // controller | glance | ceph | cinder-volume | compute | spine | tor
  std::string zone;  // SimGrid zone it will live in ("control", rack name, "" for the spine)
};
struct Edge {
  std::string name;  // link name in SimGrid
  LinkSpec spec;
};
using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS, Vertex, Edge>;

struct TopologyGraph {
  Graph g;
  std::vector<std::string> zones;  // "control" then racks, in scenario order

  // Builds the graph of a scenario's topology.
  static TopologyGraph from(const Topology& t);
  // Throws std::runtime_error with a readable message when the graph is not a usable cloud.
  void validate(const Topology& t) const;
  size_t host_count() const;
  size_t link_count() const { return boost::num_edges(g); }
};

}  // namespace bfv::platform
