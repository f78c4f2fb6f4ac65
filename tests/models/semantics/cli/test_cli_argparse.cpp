// The option-table walker both CLI parsers share (models/semantics/cli_argparse.hpp), after CPython
// Lib/argparse.py::ArgumentParser._parse_known_args, on a small table of its own.
#include <doctest/doctest.h>

#include "models/semantics/cli_argparse.hpp"

namespace {

using namespace bfv::sem::cli_detail;

struct Ns {
  std::optional<std::string> name, a, b, newer;
  std::optional<long long> n;
  long long m = 1;
  std::vector<std::string> many;
  bool flag = false;
  std::optional<bool> mode;
};

const ArgParser<Ns>& parser() {
  static const ArgParser<Ns> p{"<name>",
                               &Ns::name,
                               {
                                   {"--alpha", store(&Ns::a), "ab"},
                                   {"--beta", store(&Ns::b), "ab"},
                                   {"--count", store_int(&Ns::n)},
                                   {"--m", store_int(&Ns::m)},
                                   {"--many", append(&Ns::many)},
                                   {"--flag", store_true(&Ns::flag)},
                                   {"--on", store_const(&Ns::mode, std::optional<bool>(true))},
                                   {"--neat", ignored<Ns>(false)},
                                   {"--newer", store(&Ns::newer), nullptr, "2.50"},
                                   {"--req", ignored<Ns>(true), nullptr, nullptr, true},
                               }};
  return p;
}

std::optional<ArgparseError> run(const std::vector<std::string>& words, Ns* ns, const std::string& mv = "2.60") {
  return parse_args(parser(), words, mv, ns);
}

}  // namespace

TEST_CASE("argparse add_argument as data: store, type=int, append, store_true, store_const and the positional") {
  Ns ns;
  REQUIRE_FALSE(run({"--req", "r", "--alpha", "x", "--count", " 1_0 ", "--m=-3", "--many", "p", "--many", "q", "--flag",
                     "--on", "vm"},
                    &ns));
  CHECK(ns.name == "vm");
  CHECK(ns.a == "x");
  CHECK(ns.n == 10);  // Python int(): blanks and underscores between digits
  CHECK(ns.m == -3);
  CHECK(ns.many == std::vector<std::string>{"p", "q"});
  CHECK(ns.flag);
  CHECK(ns.mode == true);
}

TEST_CASE("argparse _parse_known_args: actions run in command-line order and the first failing one decides") {
  Ns ns;
  auto e = run({"--req", "r", "--flag", "--count", "x", "--m", "y", "vm"}, &ns);
  REQUIRE(e);
  CHECK(e->message == "argument --count: invalid int value: 'x'");
  CHECK(e->opt == "--count");
  CHECK(e->value == "x");
  CHECK(ns.flag);  // the actions before the failing one have run
  CHECK(ns.m == 1);
}

TEST_CASE("argparse add_mutually_exclusive_group: a second option of the group is refused, a repeat is not") {
  Ns ns;
  auto e = run({"--req", "r", "--beta", "1", "--alpha", "2", "vm"}, &ns);
  REQUIRE(e);
  CHECK(e->message == "argument --alpha: not allowed with argument --beta");
  Ns ok;
  CHECK_FALSE(run({"--req", "r", "--alpha", "1", "--alpha", "2", "vm"}, &ok));
  CHECK(ok.a == "2");
}

TEST_CASE("argparse: required arguments (positional first), then unrecognized ones with the stray words") {
  Ns ns;
  CHECK(run({}, &ns)->message == "the following arguments are required: <name>, --req");
  CHECK(run({"vm"}, &ns)->message == "the following arguments are required: --req");
  CHECK(run({"--req", "r", "vm", "--what", "extra"}, &ns)->message == "unrecognized arguments: --what extra");
}

TEST_CASE("novaclient utils.arg start_version: an option below its microversion does not exist") {
  Ns ns;
  CHECK(run({"--req", "r", "--newer", "x", "vm"}, &ns, "2.49")->message == "unrecognized arguments: --newer vm");
  Ns at;
  CHECK_FALSE(run({"--req", "r", "--newer", "x", "vm"}, &at, "2.50"));
  CHECK(at.newer == "x");
}

TEST_CASE("argparse allow_abbrev: a unique prefix works; an ambiguous one lists the table in declaration order") {
  Ns ns;
  CHECK_FALSE(run({"--req", "r", "--al", "x", "--co=4", "vm"}, &ns));
  CHECK(ns.a == "x");
  CHECK(ns.n == 4);
  auto e = run({"--req", "r", "--m", "2", "--ma", "x", "vm"}, &ns);  // "--m" is exact, "--ma" only --many
  CHECK_FALSE(e);
  CHECK(run({"--req", "r", "--", "vm"}, &ns) == std::nullopt);
  Ns amb;
  CHECK(run({"--req", "r", "--ne", "vm"}, &amb, "2.60")->message ==
        "ambiguous option: --ne could match --neat, --newer");
  CHECK_FALSE(run({"--req", "r", "--ne", "vm"}, &amb, "2.49"));  // --newer does not exist yet: --neat
}
