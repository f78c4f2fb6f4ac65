// `bfvsim explain` without --scenario: a cloud in which everything the request names exists.
#pragma once
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "models/semantics/cloud.hpp"

namespace bfv::sem {

// Every flavor, image, volume, snapshot and network the POST /servers body names exists, with the
// defaults below, so that the verdict is about the request itself, not about a missing object.
// `stated` receives one line per object made up ("flavor 42: 1 vCPU, 2048 MB RAM, 20 GB disk").
// Defaults (assumed, typical of a small cloud): flavor 1 vCPU / 2048 MB / 20 GB root disk; image
// active qcow2, 1 GiB stored, 2 GiB virtual, min_disk 0, public; volume available, bootable, 20 GB
// (or the BDM's volume_size), type __DEFAULT__, az "nova", made from an image; snapshot available,
// 20 GB (or volume_size), of a volume of that size; network: any uuid accepted.
CloudState permissive_cloud(const nlohmann::json& body, std::vector<std::string>* stated);

}  // namespace bfv::sem
