// The cloud's physical shape: hosts, racks, links, disks, Cinder backends and Ceph, in SI base
// units (bytes, bytes/s, seconds, flop/s). What the loader (sim/scenario/topology_loader.cpp) fills and
// the platform builder (core/platform/simgrid_platform.hpp) and the services read; no SimGrid here.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/enum.hpp"

namespace bfv {

// topology.network_model: SimGrid's network/model (docs/timing-model.md).
enum class NetworkModel : uint8_t { CM02, LV08 };
constexpr std::string_view name(NetworkModel m) {
  switch (m) {
    case NetworkModel::CM02: return "CM02";
    case NetworkModel::LV08: return "LV08";
  }
  return "";
}
template <>
inline constexpr int kEnumSize<NetworkModel> = 2;

// topology.cinder_backends[].driver: cinder.volume.drivers.lvm.LVMVolumeDriver or rbd.RBDDriver.
enum class CinderDriver : uint8_t { Lvm, Rbd };
constexpr std::string_view name(CinderDriver d) {
  switch (d) {
    case CinderDriver::Lvm: return "lvm";
    case CinderDriver::Rbd: return "rbd";
  }
  return "";
}
template <>
inline constexpr int kEnumSize<CinderDriver> = 2;

// [backend] lvm_type (cinder/volume/drivers/lvm.py: default = thick; thin and auto = thin).
enum class LvmType : uint8_t { Thick, Thin };
constexpr std::string_view name(LvmType t) {
  switch (t) {
    case LvmType::Thick: return "thick";
    case LvmType::Thin: return "thin";
  }
  return "";
}
template <>
inline constexpr int kEnumSize<LvmType> = 2;

// topology.glance.store: glance_store's file or rbd driver.
enum class GlanceStore : uint8_t { File, Rbd };
constexpr std::string_view name(GlanceStore g) {
  switch (g) {
    case GlanceStore::File: return "file";
    case GlanceStore::Rbd: return "rbd";
  }
  return "";
}
template <>
inline constexpr int kEnumSize<GlanceStore> = 2;

struct LinkSpec {
  double bandwidth_Bps = 1.25e9;  // bytes/s
  double latency_s = 50e-6;       // s, one way
};
struct DiskSpec {
  double read_Bps = 500e6;
  double write_Bps = 400e6;
  double size_bytes = 4e12;
};
struct HostSpec {
  std::string name;
  int cores = 8;
  double speed_flops = 2e9;  // per core
  LinkSpec nic;              // host <-> its switch
  DiskSpec disk;             // local disk (computes: instances path; cinder-volume: conversion dir)
};
struct ComputeSpec : HostSpec {
  int ram_mb = 65536;  // MEMORY_MB inventory
  int vcpus = 16;      // VCPU inventory (before allocation ratio)
  int disk_gb = 1000;  // DISK_GB inventory
  std::string availability_zone = "nova";
  std::string rack;
};
struct RackSpec {
  std::string name;
  LinkSpec uplink;  // top-of-rack <-> spine
  std::vector<ComputeSpec> computes;
};
struct CinderBackendSpec {
  std::string name;  // backend name (volume_backend_name); host "cinder-volume@<name>"
  CinderDriver driver = CinderDriver::Lvm;
  LvmType lvm_type = LvmType::Thick;  // lvm only
  double capacity_gb = 10000;         // total_capacity_gb reported to the scheduler
  HostSpec host;                      // cinder-volume host (LVM: owns the VG disk; RBD: the RBD client)
  DiskSpec conversion_disk;           // image_conversion_dir
  DiskSpec volume_disk;               // LVM volume group (ignored for rbd: data goes to the Ceph cluster)
  std::string availability_zone = "nova";
  std::optional<bool> image_volume_cache_enabled;  // per-backend override of the DEFAULT option
  std::optional<int> image_volume_cache_max_size_gb;
  std::optional<int> image_volume_cache_max_count;
  std::optional<std::string> volume_clear;
  std::optional<double> max_over_subscription_ratio;
};
struct CephSpec {
  bool present = false;
  std::string fsid = "ceph";
  LinkSpec nic;   // aggregate cluster front-end network
  DiskSpec disk;  // aggregate OSD throughput (replication already accounted)
};
struct Topology {
  NetworkModel network_model = NetworkModel::CM02;  // SimGrid network/model; see docs/timing-model.md
  LinkSpec spine;
  HostSpec controller;  // nova-api, conductor, scheduler, placement, rabbitmq, DB, cinder-api, cinder-scheduler
  int controllers =
      1;  // 1, or N identical controllers behind a load balancer (controller-1..N; DB and broker on the first)
  LinkSpec control_uplink;  // control rack <-> spine
  HostSpec glance;          // glance-api + file store (its disk)
  GlanceStore glance_store = GlanceStore::File;
  CephSpec ceph;
  std::vector<CinderBackendSpec> cinder_backends;
  std::vector<RackSpec> racks;
};

}  // namespace bfv
