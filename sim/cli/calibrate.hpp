// `bfvsim calibrate`: fits named free constants of a cloud scenario to a user's own Rally results.
#pragma once
#include <string>
#include <vector>

namespace bfv::cli {

struct CalibrateOptions {
  std::string rally_results;         // rally task report --json (format 1.2), or `rally task results` (old list form)
  std::string rally_table;           // or: the "Response Times (sec)" table `rally task start` printed
  std::string task;                  // the Rally task file that produced them
  std::string cloud;                 // bfvsim scenario describing the cloud
  std::vector<std::string> free;     // NAME=LO:HI, NAME a dotted config path (cinder.timing.api_service_time)
  std::string algorithm = "bobyqa";  // bobyqa | neldermead | sbplx (NLopt local derivative-free)
  int max_evals = 60;
  double tolerance = 1e-3;  // relative change of the (log) parameters that ends the search
  std::string out;          // write the calibrated config: block here (YAML); "" = stdout only
};

int cmd_calibrate(const CalibrateOptions& o);

}  // namespace bfv::cli
