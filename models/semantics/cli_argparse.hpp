// argparse's ArgumentParser.add_argument, as data. Each client command is a table of options (name,
// action, mutually exclusive group, first microversion) filling an args struct, the command's
// argparse Namespace; one walker, parse_args, serves `nova boot` (cli_nova.cpp) and
// `openstack server create` (cli_osc.cpp). It follows CPython Lib/argparse.py::
// ArgumentParser._parse_known_args: actions run in command-line order (the first failing one
// decides the error), then the required-arguments check, then parse_args' "unrecognized arguments".
// Words are split into options and values by scan_args (cli.cpp), a loop without regex (issue 17).
// Not a public API.
#pragma once
#include <algorithm>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "models/semantics/cli_detail.hpp"

namespace bfv::sem::cli_detail {

// What an option does with its value: argparse Action.__call__ (and the option's type= conversion).
// `call` returns the message of the argparse.ArgumentError it raises, without "argument --opt: ".
template <class Args>
struct Action {
  bool takes_value = true;  // one value (nargs=None), or none (store_true, store_const, append_const)
  std::function<std::optional<std::string>(Args&, const std::string& value)> call;
};

// One add_argument call.
template <class Args>
struct Opt {
  std::string name;  // "--block-device", "-f"
  Action<Args> action;
  const char* group = nullptr;          // add_mutually_exclusive_group(): at most one option of a group
  const char* start_version = nullptr;  // novaclient utils.arg(start_version=...): absent below it
  bool required = false;                // required=True
};

// The parser: one positional (the server name) and the options in declaration order (allow_abbrev's
// "ambiguous option: --x could match ..." lists them in this order).
template <class Args>
struct ArgParser {
  std::string positional_metavar;  // "<name>", "<server-name>"
  std::optional<std::string> Args::*positional;
  std::vector<Opt<Args>> options;
};

// An argparse error as printed after "<prog>: error: ".
struct ArgparseError {
  std::string message;
  std::string opt, value;  // the option whose action raised it ("" for scan, required, unrecognized)
};

// ---- actions (argparse's action= strings and type=int) ----

template <class Args>
Action<Args> store(std::optional<std::string> Args::*dest) {
  return {true, [dest](Args& a, const std::string& v) -> std::optional<std::string> {
            a.*dest = v;
            return std::nullopt;
          }};
}

// type=int: Python int() of the value, or "invalid int value: 'x'".
template <class Args, class Int>
Action<Args> store_int(Int Args::*dest) {
  return {true, [dest](Args& a, const std::string& v) -> std::optional<std::string> {
            const auto n = py_int(v);
            if (!n) return "invalid int value: '" + v + "'";
            a.*dest = *n;
            return std::nullopt;
          }};
}

template <class Args>
Action<Args> append(std::vector<std::string> Args::*dest) {
  return {true, [dest](Args& a, const std::string& v) -> std::optional<std::string> {
            (a.*dest).push_back(v);
            return std::nullopt;
          }};
}

template <class Args>
Action<Args> store_true(bool Args::*dest) {
  return {false, [dest](Args& a, const std::string&) -> std::optional<std::string> {
            a.*dest = true;
            return std::nullopt;
          }};
}

template <class Args, class T>
Action<Args> store_const(T Args::*dest, T value) {
  return {false, [dest, value](Args& a, const std::string&) -> std::optional<std::string> {
            a.*dest = value;
            return std::nullopt;
          }};
}

// An option bfvsim accepts and does not use (cliff's output formatting, -h/--help).
template <class Args>
Action<Args> ignored(bool takes_value) {
  return {takes_value, [](Args&, const std::string&) -> std::optional<std::string> { return std::nullopt; }};
}

// A client's own argparse.Action subclass (NICAction, BDMAction, ...).
template <class Args, class F>
Action<Args> custom(F f) {
  return {true, std::move(f)};
}
template <class Args, class F>
Action<Args> custom_flag(F f) {
  return {false, std::move(f)};
}

// ---- the walker ----

template <class Args>
std::optional<ArgparseError> parse_args(const ArgParser<Args>& parser, const std::vector<std::string>& words,
                                        const std::string& microversion, Args* out) {
  std::vector<const Opt<Args>*> live;  // the options that exist at this microversion
  std::vector<OptSpec> specs;
  for (const auto& o : parser.options)
    if (!o.start_version || mv_at_least(microversion, o.start_version)) {
      live.push_back(&o);
      specs.push_back({o.name, o.action.takes_value});
    }
  const ArgScan scan = scan_args(words, specs);
  std::vector<std::string> positionals, seen;
  std::vector<std::pair<const char*, std::string>> group_seen;  // group -> the option that used it
  for (const auto& a : scan.args) {
    if (a.opt.empty()) {
      positionals.push_back(a.value);
      continue;
    }
    const Opt<Args>* o = nullptr;
    for (const auto* l : live)
      if (l->name == a.opt) o = l;
    if (o->group) {  // _parse_known_args.take_action: "not allowed with argument"
      auto g = std::find_if(group_seen.begin(), group_seen.end(),
                            [&](const auto& p) { return std::string(p.first) == o->group; });
      if (g == group_seen.end())
        group_seen.emplace_back(o->group, o->name);
      else if (g->second != o->name)
        return ArgparseError{"argument " + a.opt + ": not allowed with argument " + g->second, a.opt, a.value};
    }
    seen.push_back(o->name);
    if (auto msg = o->action.call(*out, a.value))
      return ArgparseError{"argument " + a.opt + ": " + *msg, a.opt, a.value};
  }
  if (!scan.error.empty()) return ArgparseError{scan.error, "", ""};
  if (!positionals.empty()) out->*parser.positional = positionals[0];
  std::string missing;  // "the following arguments are required": the positional, then required options
  if (positionals.empty()) missing = parser.positional_metavar;
  for (const auto* o : live)
    if (o->required && std::find(seen.begin(), seen.end(), o->name) == seen.end())
      missing += (missing.empty() ? "" : ", ") + o->name;
  if (!missing.empty()) return ArgparseError{"the following arguments are required: " + missing, "", ""};
  std::vector<std::string> unrecognized = scan.unrecognized;  // a stray word after the name is one too
  if (!positionals.empty()) unrecognized.insert(unrecognized.end(), positionals.begin() + 1, positionals.end());
  if (!unrecognized.empty()) return ArgparseError{"unrecognized arguments: " + join_plain(unrecognized), "", ""};
  return std::nullopt;
}

}  // namespace bfv::sem::cli_detail
