#include "models/semantics/cloud.hpp"

#include <functional>
#include <string_view>

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
void CloudState::index_volume(size_t slot) const {
  const size_t mask = volume_index_.size() - 1;
  const std::string& id = volumes[slot].id;
  for (size_t h = std::hash<std::string_view>{}(id)&mask;; h = (h + 1) & mask) {
    uint32_t& e = volume_index_[h];
    if (e == 0) {
      e = static_cast<uint32_t>(slot + 1);
      return;
    }
    if (volumes[e - 1].id == id) return;  // the first volume with this id keeps it
  }
}
long CloudState::volume_slot(const std::string& id) const {
  if (volumes_indexed_ > volumes.size()) {
    volume_index_.clear();
    volumes_indexed_ = 0;
  }
  if (volumes_indexed_ < volumes.size()) {
    if (volume_index_.size() < 2 * volumes.size()) {  // grow (power of two) and index every volume again
      size_t cap = 64;
      while (cap < 2 * volumes.size()) cap *= 2;
      volume_index_.assign(cap, 0);
      volumes_indexed_ = 0;
    }
    for (; volumes_indexed_ < volumes.size(); ++volumes_indexed_) index_volume(volumes_indexed_);
  }
  if (!volume_index_.empty()) {
    const size_t mask = volume_index_.size() - 1;
    for (size_t h = std::hash<std::string_view>{}(id)&mask;; h = (h + 1) & mask) {
      uint32_t e = volume_index_[h];
      if (e == 0) break;
      if (e - 1 < volumes.size() && volumes[e - 1].id == id) return static_cast<long>(e - 1);
    }
  }
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
