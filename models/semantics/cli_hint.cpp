// bfvsim's hints: translate a --block-device value between novaclient's short keys and OSC's long
// keys, and a whole command line between `openstack server create` and `nova boot`, so that an error
// caused by using one client's spelling with the other shows the fix (the seed-002 decision, docs/cli.md).
#include <map>
#include <set>

#include "models/semantics/cli_detail.hpp"

namespace bfv::sem::cli_detail {

const std::vector<std::pair<std::string, std::string>>& novaclient_bdm_keys() {
  // novaclient/v2/shell.py::CLIENT_BDM2_KEYS
  static const std::vector<std::pair<std::string, std::string>> k{{"id", "uuid"},
                                                                  {"source", "source_type"},
                                                                  {"dest", "destination_type"},
                                                                  {"bus", "disk_bus"},
                                                                  {"device", "device_name"},
                                                                  {"size", "volume_size"},
                                                                  {"format", "guest_format"},
                                                                  {"bootindex", "boot_index"},
                                                                  {"type", "device_type"},
                                                                  {"shutdown", "delete_on_termination"},
                                                                  {"tag", "tag"},
                                                                  {"volume_type", "volume_type"}};
  return k;
}

const std::vector<std::string>& osc_bdm_keys() {
  // openstackclient/compute/v2/server.py::BDMAction.__init__ optional_keys
  static const std::vector<std::string> k{
      "uuid",         "source_type", "destination_type",      "disk_bus", "device_type", "device_name", "volume_size",
      "guest_format", "boot_index",  "delete_on_termination", "tag",      "volume_type"};
  return k;
}

static bool kv_pairs(const std::string& value, std::vector<std::pair<std::string, std::string>>* out) {
  for (const auto& piece : split(value, ',')) {
    const auto eq = piece.find('=');
    if (eq == std::string::npos || eq == 0) return false;
    out->emplace_back(piece.substr(0, eq), piece.substr(eq + 1));
  }
  return true;
}

std::string short_to_long_bdm(const std::string& value) {
  std::vector<std::pair<std::string, std::string>> kv;
  if (!kv_pairs(value, &kv)) return "";
  std::string out;
  for (const auto& [k, v] : kv) {
    std::string lk, lv = v;
    for (const auto& [s, l] : novaclient_bdm_keys())
      if (s == k) lk = l;
    if (lk.empty()) return "";
    if (k == "shutdown") lv = v == "remove" ? "true" : v == "preserve" ? "false" : v;
    out += (out.empty() ? "" : ",") + lk + "=" + lv;
  }
  return out;
}

std::string long_to_short_bdm(const std::string& value) {
  std::vector<std::pair<std::string, std::string>> kv;
  if (!kv_pairs(value, &kv)) return "";
  std::string out;
  for (const auto& [k, v] : kv) {
    std::string sk, sv = v;
    for (const auto& [s, l] : novaclient_bdm_keys())
      if (l == k) sk = s;
    if (sk.empty()) return "";
    if (sk == "shutdown") {
      static const std::map<std::string, std::string> b{{"true", "remove"},    {"1", "remove"},   {"yes", "remove"},
                                                        {"false", "preserve"}, {"0", "preserve"}, {"no", "preserve"}};
      auto it = b.find(v);
      sv = it == b.end() ? v : it->second;
    }
    out += (out.empty() ? "" : ",") + sk + "=" + sv;
  }
  return out;
}

std::string nova_block_device_hint(const std::vector<std::string>& words, const std::string& spec) {
  std::string hint =
      "`nova boot --block-device` takes novaclient's short keys (id, source, dest, size, shutdown, "
      "bootindex, bus, device, format, type, tag, volume_type).";
  const auto short_form = long_to_short_bdm(spec);
  if (!short_form.empty()) {
    std::vector<std::string> fixed = words;
    for (auto& w : fixed)
      if (w == spec) w = short_form;
    std::vector<std::string> cmd{"nova", "boot"};
    cmd.insert(cmd.end(), fixed.begin(), fixed.end());
    hint += " Either write\n  " + join_words(cmd) + "\nor keep the long keys with OSC:\n  " +
            join_words(nova_words_to_osc(words));
  }
  return hint;
}

std::string osc_block_device_hint(const std::vector<std::string>& words, const std::string& value) {
  const auto long_form = short_to_long_bdm(value);
  if (long_form.empty()) return "";
  std::vector<std::string> fixed = words;
  for (auto& w : fixed)
    if (w == value) w = long_form;
  std::vector<std::string> cmd{"openstack", "server", "create"};
  cmd.insert(cmd.end(), fixed.begin(), fixed.end());
  return "`openstack server create --block-device` takes the BDM v2 field names (OSC >= 5.5); the short "
         "keys source/id/dest/size/shutdown/bootindex are novaclient's. Either write\n  " +
         join_words(cmd) + "\nor keep the short keys with novaclient:\n  " + join_words(osc_words_to_nova(words));
}

// Option spellings that differ between the two clients; the value is kept unless noted.
std::vector<std::string> osc_words_to_nova(const std::vector<std::string>& words) {
  static const std::map<std::string, std::string> rename{
      {"--min", "--min-count"},      {"--max", "--max-count"},
      {"--volume", "--boot-volume"}, {"--security-group", "--security-groups"},
      {"--property", "--meta"},      {"--wait", "--poll"}};
  std::vector<std::string> out{"nova", "boot"};
  std::string name;
  for (size_t i = 0; i < words.size(); ++i) {
    const auto& w = words[i];
    const bool has_next = i + 1 < words.size();
    if ((w == "--network" || w == "--port") && has_next) {
      out.push_back("--nic");
      out.push_back((w == "--network" ? "net-id=" : "port-id=") + words[++i]);
    } else if (w == "--block-device" && has_next) {
      const auto s = long_to_short_bdm(words[i + 1]);
      out.push_back(w);
      out.push_back(s.empty() ? words[i + 1] : s);
      ++i;
    } else if (rename.count(w)) {
      out.push_back(rename.at(w));
      if (w != "--wait" && has_next) out.push_back(words[++i]);
    } else if (w.rfind("-", 0) == 0) {
      // OSC flags (store_true/const options) take no value.
      static const std::set<std::string> flags{"--delete-on-termination", "--no-network",       "--auto-network",
                                               "--no-security-group",     "--use-config-drive", "--no-config-drive"};
      out.push_back(w);
      if (!flags.count(w) && has_next && w.find('=') == std::string::npos) out.push_back(words[++i]);
    } else {
      name = w;  // the positional server name goes last, as in the help text
    }
  }
  if (!name.empty()) out.push_back(name);
  return out;
}

std::vector<std::string> nova_words_to_osc(const std::vector<std::string>& words) {
  static const std::map<std::string, std::string> rename{
      {"--min-count", "--min"},      {"--max-count", "--max"},
      {"--boot-volume", "--volume"}, {"--security-groups", "--security-group"},
      {"--meta", "--property"},      {"--poll", "--wait"}};
  std::vector<std::string> out{"openstack", "server", "create"};
  std::string name;
  for (size_t i = 0; i < words.size(); ++i) {
    const auto& w = words[i];
    const bool has_next = i + 1 < words.size();
    if (w == "--block-device" && has_next) {
      const auto l = short_to_long_bdm(words[i + 1]);
      out.push_back(w);
      out.push_back(l.empty() ? words[i + 1] : l);
      ++i;
    } else if (rename.count(w)) {
      out.push_back(rename.at(w));
      if (w != "--poll" && has_next) out.push_back(words[++i]);
    } else if (w.rfind("-", 0) == 0) {
      out.push_back(w);
      if (w != "--poll" && has_next && w.find('=') == std::string::npos) out.push_back(words[++i]);
    } else {
      name = w;
    }
  }
  if (!name.empty()) out.push_back(name);
  return out;
}

}  // namespace bfv::sem::cli_detail
