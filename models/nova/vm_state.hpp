// An instance's vm_state (nova/compute/vm_states.py), as far as bfvsim's instances go: BUILDING
// until the build ends, ACTIVE or ERROR, DELETED after the delete. Plain data (sim/runtime's
// invariant check reads it); printed only through name(), as the API's lower-case strings.
#pragma once
#include <cstdint>
#include <string_view>

#include "core/enum.hpp"

namespace bfv::nova {

enum class VmState : uint8_t { Building, Active, Error, Deleted };
constexpr std::string_view name(VmState s) {
  switch (s) {
    case VmState::Building: return "building";
    case VmState::Active: return "active";
    case VmState::Error: return "error";
    case VmState::Deleted: return "deleted";
  }
  return "";
}

}  // namespace bfv::nova

namespace bfv {
template <>
inline constexpr int kEnumSize<nova::VmState> = 4;
}  // namespace bfv
