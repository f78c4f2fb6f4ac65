#pragma once
// The names of Cinder's volume statuses, free of everything else so that plain-data code (the
// end-of-run invariants) can compare against them too.

#include <string_view>

namespace bfv::sem {

// Cinder volume statuses (cinder/objects/fields.py::VolumeStatus). A string, not an enum, because a
// scenario's pre-existing volumes give it as text (`cloud.volumes[].status`) and Nova's and Cinder's
// rules answer an unexpected one as the real APIs do; the code compares against these names.
namespace volume_status {
inline constexpr std::string_view kAvailable = "available", kInUse = "in-use", kCreating = "creating",
                                  kDownloading = "downloading", kError = "error", kReserved = "reserved",
                                  kAttaching = "attaching", kDetaching = "detaching", kDeleting = "deleting",
                                  kErrorDeleting = "error_deleting", kDeleted = "deleted",
                                  kErrorRestoring = "error_restoring", kErrorExtending = "error_extending",
                                  kMaintenance = "maintenance";
}  // namespace volume_status

}  // namespace bfv::sem
