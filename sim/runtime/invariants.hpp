// The end-of-run invariant check (issue 17 item 9): what must hold of the cloud's state when a run
// ends, whatever the scenario, the faults and the seed. Pure logic on a snapshot, no SimGrid: the
// run (sim/runtime/run.cpp) fills an EndState from the services' state; the randomized test
// (tests/sim/runtime/test_invariants.cpp) checks it on many generated scenarios.
//
// The invariants, each named in its violation message:
//   terminal      every request in exactly one terminal state: ACTIVE, ERROR, DELETED or REJECTED
//                 (BUILD only when end_after cut the run), and a server's record agrees with its
//                 instance (ACTIVE <-> active, ERROR <-> error, DELETED <-> deleted, REJECTED: none)
//   attachment    every volume that is attached (in-use, attaching, detaching, reserved) is held by
//                 a live server (an instance not deleted) or was attached before the run (to a
//                 server bfvsim does not model); no deleted server still holds an attachment;
//                 an in-use volume has an attachment record
//   quota         per project, Nova's usage equals what is live (instances not deleted, their vcpus
//                 and ram: nova/quota.py counts ERROR instances until they are deleted) and Cinder's
//                 usage equals the volumes not deleted (cache entries belong to the internal tenant)
//   placement     per provider, used equals the sum of its allocations; every allocation belongs to
//                 a live server on that provider (or with no host: a build buried in cell0 keeps
//                 its allocation until deleted, conductor/manager.py::_bury_in_cell0); every
//                 ACTIVE server holds one
//   capacity      no negative capacity: placement usage, Cinder free and provisioned capacity >= 0,
//                 provisioned = the sizes of the volumes not deleted on that backend
#pragma once
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "models/nova/vm_state.hpp"
#include "models/semantics/volume_status.hpp"

namespace bfv {

// The strings are views into the run's own state (request records, instances, volumes), which
// outlives the check: at a million requests, copies of every uuid and name were ~1 KB per request
// at the end of the run (issue 16 item 4).
struct EndState {
  struct Request {
    int id = 0;
    std::string_view name, kind, final_status;
  };
  struct Server {
    int request = -1;
    std::string_view uuid, project;
    nova::VmState vm_state = nova::VmState::Building;
    int host = -1;  // provider index, -1 = none
    int vcpus = 0, ram_mb = 0;
    std::vector<std::string_view> holds;  // volume ids with an attachment (BDMs and later attaches)
  };
  struct Volume {
    std::string_view id, status, project, backend;
    int size_gb = 0;
    bool cache_entry = false;
    std::vector<std::string_view> attached_to;  // Cinder's attachment records
    bool preexisting_attachment = false;        // attached in the scenario's cloud section (server not modelled)
  };
  struct Provider {
    std::string name;
    double vcpu_used = 0, ram_used = 0, disk_used = 0;
  };
  struct Allocation {
    std::string_view consumer;  // instance uuid
    size_t provider = 0;
    int vcpus = 0, ram_mb = 0, disk_gb = 0;
  };
  struct Usage {
    long long instances = 0, cores = 0, ram_mb = 0, volumes = 0, gigabytes = 0;
  };
  struct Backend {
    std::string name;
    double total_gb = 0, free_gb = 0, provisioned_gb = 0;
    bool thin = true;
  };
  std::vector<Request> requests;
  std::vector<Server> servers;
  std::vector<Volume> volumes;
  std::vector<Provider> providers;
  std::vector<Allocation> allocations;  // sorted by consumer
  std::map<std::string, Usage> usage;   // by project: what Nova's and Cinder's quota code hold
  std::vector<Backend> backends;
  bool cut_by_end_after = false;
};

// Every violated invariant as one line ("quota: project demo: nova instances in use 2, live 1"),
// in a fixed order; empty when the state is consistent.
std::vector<std::string> check_invariants(const EndState& s);

}  // namespace bfv
