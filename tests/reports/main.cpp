// test_reports: doctest suite for reports/. With `--write-sample DIR [N]` it instead writes the
// outputs of a synthetic N-request run (default 300) into DIR, for html_in_chromium.sh and
// scripts/screenshot-report.sh.
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include <cstdlib>
#include <iostream>
#include <string>

#include "reports/reports.hpp"
#include "tests/reports/synthetic.hpp"

int main(int argc, char** argv) {
  if (argc >= 3 && std::string(argv[1]) == "--write-sample") {
    int n = argc >= 4 ? std::atoi(argv[3]) : 300;
    bfv::reports::write_outputs(bfv::test::synthetic_run(n), argv[2]);
    std::cout << "wrote " << argv[2] << "\n";
    return 0;
  }
  doctest::Context ctx(argc, argv);
  return ctx.run();
}
