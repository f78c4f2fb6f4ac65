#include "models/semantics/cloud.hpp"

namespace bfv::sem {

const Flavor* CloudState::find_flavor(const std::string& id_or_name) const {
  for (const auto& f : flavors) if (f.id == id_or_name) return &f;
  for (const auto& f : flavors) if (f.name == id_or_name) return &f;  // OSC resolves names client-side
  return nullptr;
}
const Image* CloudState::find_image(const std::string& id) const {
  for (const auto& i : images) if (i.id == id) return &i;
  return nullptr;
}
Image* CloudState::find_image(const std::string& id) {
  for (auto& i : images) if (i.id == id) return &i;
  return nullptr;
}
const Volume* CloudState::find_volume(const std::string& id) const {
  for (const auto& v : volumes) if (v.id == id) return &v;
  return nullptr;
}
Volume* CloudState::find_volume(const std::string& id) {
  for (auto& v : volumes) if (v.id == id) return &v;
  return nullptr;
}
const Snapshot* CloudState::find_snapshot(const std::string& id) const {
  for (const auto& s : snapshots) if (s.id == id) return &s;
  return nullptr;
}
const VolumeType* CloudState::find_volume_type(const std::string& name_or_id) const {
  for (const auto& t : volume_types) if (t.name == name_or_id || (!t.id.empty() && t.id == name_or_id)) return &t;
  return nullptr;
}

}  // namespace bfv::sem
