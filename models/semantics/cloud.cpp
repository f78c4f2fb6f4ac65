#include "models/semantics/cloud.hpp"

namespace bfv::sem {

const Flavor* CloudState::find_flavor(const std::string& id_or_name) const {
  for (const auto& f : flavors)
    if (f.id == id_or_name) return &f;
  for (const auto& f : flavors)
    if (f.name == id_or_name) return &f;  // OSC resolves names client-side
  return nullptr;
}
const Image* CloudState::find_image(const std::string& id) const {
  for (const auto& i : images)
    if (i.id == id) return &i;
  return nullptr;
}
Image* CloudState::find_image(const std::string& id) {
  for (auto& i : images)
    if (i.id == id) return &i;
  return nullptr;
}
long CloudState::volume_slot(const std::string& id) const {
  if (volumes_indexed_ > volumes.size()) {
    volume_index_.clear();
    volumes_indexed_ = 0;
  }
  for (; volumes_indexed_ < volumes.size(); ++volumes_indexed_)
    volume_index_.try_emplace(volumes[volumes_indexed_].id, volumes_indexed_);
  auto it = volume_index_.find(id);
  if (it != volume_index_.end() && it->second < volumes.size() && volumes[it->second].id == id)
    return static_cast<long>(it->second);
  // stale index (the list was edited in place): fall back to a scan and rebuild next time
  for (size_t i = 0; i < volumes.size(); ++i)
    if (volumes[i].id == id) {
      volume_index_.clear();
      volumes_indexed_ = 0;
      return static_cast<long>(i);
    }
  return -1;
}
const Volume* CloudState::find_volume(const std::string& id) const {
  long i = volume_slot(id);
  return i < 0 ? nullptr : &volumes[static_cast<size_t>(i)];
}
Volume* CloudState::find_volume(const std::string& id) {
  long i = volume_slot(id);
  return i < 0 ? nullptr : &volumes[static_cast<size_t>(i)];
}
const Snapshot* CloudState::find_snapshot(const std::string& id) const {
  for (const auto& s : snapshots)
    if (s.id == id) return &s;
  return nullptr;
}
const VolumeType* CloudState::find_volume_type(const std::string& name_or_id) const {
  for (const auto& t : volume_types)
    if (t.name == name_or_id || (!t.id.empty() && t.id == name_or_id)) return &t;
  return nullptr;
}

}  // namespace bfv::sem
