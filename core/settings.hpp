// What-if inputs a run records in report.json: every setting applied on top of the scenario file
// (from --set or from the cloud's own nova.conf / cinder.conf / ...), and every option those ini
// files hold that bfvsim does not model. Plain data: the loader fills it, reports write it.
#pragma once
#include <string>
#include <vector>

namespace bfv {

struct AppliedSetting {
  std::string path;    // scenario key path, e.g. "config.nova.DEFAULT.max_concurrent_builds"
  std::string value;   // as written
  std::string source;  // "--set", or "nova.conf:12" (file:line of the ini option)
};

struct UnmodelledOption {
  std::string file;
  int line = 0;
  std::string section, option;
  std::vector<std::string> values;  // every occurrence, in file order (multi-valued options)
  std::string note;                 // why it is not applied
};

}  // namespace bfv
