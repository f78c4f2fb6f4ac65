// Entry point of the CLI parsers: shell word splitting, global options (--os-compute-api-version),
// microversion negotiation, dispatch to `openstack server create` / `nova boot`, and the argparse-like
// scanner both use. Client-specific rules live in cli_osc.cpp and cli_nova.cpp.
#include <cctype>
#include <algorithm>
#include <cctype>
#include <cstring>

#include "models/semantics/cli.hpp"
#include "models/semantics/cli_detail.hpp"

namespace bfv::sem {

bool shell_split(const std::string& line, std::vector<std::string>* words, std::string* error) {
  // POSIX sh rules: '...' literal; "..." with \ escaping only $ ` " \ and newline; bare \ escapes
  // the next char; backslash-newline is a line continuation.
  words->clear();
  std::string cur;
  bool in_word = false;
  size_t i = 0;
  const size_t n = line.size();
  while (i < n) {
    const char c = line[i];
    if (c == '\'') {
      const auto end = line.find('\'', i + 1);
      if (end == std::string::npos) return *error = "unterminated single quote", false;
      cur += line.substr(i + 1, end - i - 1);
      in_word = true;
      i = end + 1;
    } else if (c == '"') {
      ++i;
      bool closed = false;
      while (i < n) {
        if (line[i] == '"') {
          closed = true;
          ++i;
          break;
        }
        if (line[i] == '\\' && i + 1 < n && std::string("$`\"\\\n").find(line[i + 1]) != std::string::npos) {
          if (line[i + 1] != '\n') cur += line[i + 1];
          i += 2;
          continue;
        }
        cur += line[i++];
      }
      if (!closed) return *error = "unterminated double quote", false;
      in_word = true;
    } else if (c == '\\') {
      if (i + 1 >= n) return *error = "trailing backslash", false;
      if (line[i + 1] != '\n') {
        cur += line[i + 1];
        in_word = true;
      }
      i += 2;
    } else if (std::isspace(static_cast<unsigned char>(c))) {
      if (in_word) words->push_back(cur);
      cur.clear();
      in_word = false;
      ++i;
    } else {
      cur += c;
      in_word = true;
      ++i;
    }
  }
  if (in_word) words->push_back(cur);
  return true;
}

int compare_microversion(const std::string& a, const std::string& b) {
  auto parse = [](const std::string& s) {
    const auto dot = s.find('.');
    const int major = std::atoi(s.substr(0, dot).c_str());
    const int minor = dot == std::string::npos ? 0 : std::atoi(s.substr(dot + 1).c_str());
    return std::pair{major, minor};
  };
  const auto pa = parse(a), pb = parse(b);
  if (pa != pb) return pa < pb ? -1 : 1;
  return 0;
}

namespace cli_detail {

bool mv_at_least(const std::string& have, const std::string& want) { return compare_microversion(have, want) >= 0; }

static bool looks_like_negative_number(const std::string& w) {
  // argparse's _negative_number_matcher '^-\d+$|^-\d*\.\d+$', scanned by hand (std::regex
  // recurses once per character of user text: issue 17).
  if (w.size() < 2 || w[0] != '-') return false;
  const auto digit = [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; };
  const size_t dot = w.find('.');
  if (dot == std::string::npos) return std::all_of(w.begin() + 1, w.end(), digit);
  return dot + 1 < w.size() && std::all_of(w.begin() + 1, w.begin() + static_cast<long>(dot), digit) &&
         std::all_of(w.begin() + static_cast<long>(dot) + 1, w.end(), digit);
}

ArgScan scan_args(const std::vector<std::string>& words, const std::vector<OptSpec>& specs) {
  ArgScan out;
  auto is_option_like = [](const std::string& w) {
    // argparse: '-' alone, negative numbers and strings with a space are values.
    return w.size() > 1 && w[0] == '-' && !looks_like_negative_number(w) && w.find(' ') == std::string::npos;
  };
  for (size_t i = 0; i < words.size(); ++i) {
    const auto& w = words[i];
    if (w == "--") {
      for (++i; i < words.size(); ++i) out.args.push_back({"", words[i], true});
      break;
    }
    if (!is_option_like(w)) {
      out.args.push_back({"", w, true});
      continue;
    }
    const auto eq = w.find('=');
    const std::string name = w.substr(0, eq);
    const OptSpec* spec = nullptr;
    for (const auto& s : specs)
      if (s.name == name) spec = &s;
    if (!spec && name.rfind("--", 0) == 0) {  // allow_abbrev: a unique prefix of a long option
      std::vector<const OptSpec*> m;
      for (const auto& s : specs)
        if (s.name.rfind(name, 0) == 0) m.push_back(&s);
      if (m.size() > 1) {
        std::string list;
        for (size_t k = 0; k < m.size(); ++k) list += (k ? ", " : "") + m[k]->name;
        out.error = "ambiguous option: " + name + " could match " + list;
        return out;
      }
      if (m.size() == 1) spec = m[0];
    }
    if (!spec) {
      out.unrecognized.push_back(w);
      continue;
    }
    Arg a{spec->name, "", false};
    if (!spec->takes_value) {
      if (eq != std::string::npos) {
        out.error = "argument " + spec->name + ": ignored explicit argument '" + w.substr(eq + 1) + "'";
        return out;
      }
    } else if (eq != std::string::npos) {
      a.value = w.substr(eq + 1), a.has_value = true;
    } else if (i + 1 < words.size() && !is_option_like(words[i + 1])) {
      a.value = words[++i], a.has_value = true;
    } else {
      out.error = "argument " + spec->name + ": expected one argument";
      return out;
    }
    out.args.push_back(a);
  }
  return out;
}

std::optional<long long> py_int(const std::string& s) {
  // Python int(): optional blanks, a sign, digits with single underscores between them
  // (^\s*[+-]?\d(_?\d)*\s*$), scanned by hand: no regex recursion on user text (issue 17).
  size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  std::string digits;
  size_t i = b;
  if (i < e && (s[i] == '+' || s[i] == '-')) digits += s[i++];
  bool prev_digit = false;
  for (; i < e; ++i) {
    const char c = s[i];
    if (std::isdigit(static_cast<unsigned char>(c))) {
      digits += c;
      prev_digit = true;
    } else if (c == '_' && prev_digit && i + 1 < e && std::isdigit(static_cast<unsigned char>(s[i + 1]))) {
      prev_digit = false;
    } else {
      return std::nullopt;
    }
  }
  if (!prev_digit) return std::nullopt;
  try {
    return std::stoll(digits);
  } catch (...) {
    return std::nullopt;
  }
}

bool supports_microversion(const Versions& v, const std::string& want) {
  if (!mv_at_least(v.server_max, want)) return false;
  return !v.explicit_version || mv_at_least(*v.explicit_version, want);
}

const Image* find_image_by_id_or_name(const CloudState& cloud, const std::string& id_or_name) {
  const Image* found = cloud.find_image(id_or_name);
  for (const auto& i : cloud.images)
    if (!found && i.name == id_or_name) found = &i;
  return found;
}

const Volume* find_volume_by_id_or_name(const CloudState& cloud, const std::string& id_or_name) {
  const Volume* found = cloud.find_volume(id_or_name);
  for (const auto& x : cloud.volumes)
    if (!found && x.name == id_or_name) found = &x;
  return found;
}

std::string shell_quote(const std::string& w) {
  const auto safe = [](char c) {  // [A-Za-z0-9_./=,:@%+-], by hand (issue 17: no regex on user text)
    return std::isalnum(static_cast<unsigned char>(c)) || std::strchr("_./=,:@%+-", c) != nullptr;
  };
  if (!w.empty() && std::all_of(w.begin(), w.end(), safe)) return w;
  std::string out = "'";
  for (char c : w) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::string join_words(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& w : words) {
    if (!out.empty()) out += ' ';
    out += shell_quote(w);
  }
  return out;
}

std::string join_plain(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& w : words) out += (out.empty() ? "" : " ") + w;
  return out;
}

std::vector<std::string> split(const std::string& s, char c) {
  std::vector<std::string> out;
  size_t start = 0;
  for (;;) {
    const auto p = s.find(c, start);
    out.push_back(s.substr(start, p - start));
    if (p == std::string::npos) break;
    start = p + 1;
  }
  return out;
}

nlohmann::json merge_scheduler_hints(const std::vector<std::pair<std::string, std::string>>& hints) {
  // openstacksdk Server._prepare_request / novaclient _boot: a repeated key becomes a list.
  nlohmann::json h = nlohmann::json::object();
  for (const auto& [k, v] : hints) {
    if (!h.contains(k))
      h[k] = v;
    else if (h[k].is_string())
      h[k] = nlohmann::json::array({h[k], v});
    else
      h[k].push_back(v);
  }
  return h;
}

}  // namespace cli_detail

CliParse parse_cli(const std::string& command_line, const CloudState* cloud, const std::string& nova_max_microversion) {
  using namespace cli_detail;
  CliParse r;
  std::vector<std::string> words;
  std::string err;
  if (!shell_split(command_line, &words, &err)) {
    r.exit_code = 2;
    r.error = "bfvsim: cannot split the command line: " + err;
    r.hint = "Close the quote or remove the trailing backslash; quoting follows POSIX sh.";
    return r;
  }
  if (words.empty() || (words[0] != "openstack" && words[0] != "nova")) {
    r.exit_code = 127;
    r.error = "bfvsim: unsupported command '" + (words.empty() ? std::string() : words[0]) + "'";
    r.hint = "Supported: `openstack server create ...` and `nova boot ...` (docs/cli.md).";
    return r;
  }
  r.client = words[0];
  // Global options are consumed anywhere on the line: cliff's App.run and novaclient's
  // OpenStackComputeShell.main both call parse_known_args on the whole argv first.
  Versions v;
  v.server_max = nova_max_microversion;
  std::vector<std::string> rest;
  for (size_t i = 1; i < words.size(); ++i) {
    const auto& w = words[i];
    if (w.rfind("--os-", 0) == 0) {
      const auto eq = w.find('=');
      std::string val;
      if (eq != std::string::npos)
        val = w.substr(eq + 1);
      else if (i + 1 < words.size())
        val = words[++i];
      if (w.substr(0, eq) == "--os-compute-api-version") v.explicit_version = val;
      continue;
    }
    if (w == "--debug" || w == "--insecure" || w == "-v" || w == "--verbose" || w == "-q" || w == "--quiet") continue;
    rest.push_back(w);
  }
  const std::string client_max = r.client == "nova" ? kNovaclientMaxMicroversion : kOscSdkMaxMicroversion;
  const std::string negotiated = compare_microversion(client_max, v.server_max) <= 0 ? client_max : v.server_max;
  if (v.explicit_version && (*v.explicit_version == "2.latest" || v.explicit_version->find('.') == std::string::npos))
    v.explicit_version.reset();  // "2" / "2.latest": negotiate like the default
  v.negotiated = v.explicit_version ? *v.explicit_version : negotiated;

  const bool osc = r.client == "openstack";
  const size_t cmd_len = osc ? 2 : 1;
  const bool is_create =
      osc ? (rest.size() >= 2 && rest[0] == "server" && rest[1] == "create") : (!rest.empty() && rest[0] == "boot");
  if (!is_create) {
    r.exit_code = 2;
    const std::string got =
        rest.empty() ? std::string() : (osc && rest.size() >= 2 ? rest[0] + " " + rest[1] : rest[0]);
    r.error = osc ? "openstack: '" + got + "' is not an openstack command. See 'openstack --help'."
                  : "error: argument <subcommand>: invalid choice: '" + got + "'";
    r.hint = "bfvsim models only `openstack server create` and `nova boot`.";
    return r;
  }
  std::vector<std::string> args(rest.begin() + static_cast<long>(cmd_len), rest.end());
  if (!osc && v.explicit_version) {
    // novaclient/shell.py::main then api_versions.py::discover_version.
    if (compare_microversion(*v.explicit_version, "2.1") < 0 ||
        compare_microversion(*v.explicit_version, kNovaclientMaxMicroversion) > 0) {
      r.exit_code = 1;
      r.error = std::string(
                    "ERROR (CommandError): The specified version isn't supported by client. The valid version "
                    "range is '2.1' to '") +
                kNovaclientMaxMicroversion + "'";
      return r;
    }
    if (compare_microversion(*v.explicit_version, v.server_max) > 0) {
      r.exit_code = 1;
      r.error =
          "ERROR (UnsupportedVersion): The specified version isn't supported by server. The valid version "
          "range is '2.1' to '" +
          v.server_max + "'";
      return r;
    }
  }
  return osc ? parse_osc_server_create(args, cloud, v) : parse_nova_boot(args, cloud, v);
}

}  // namespace bfv::sem
