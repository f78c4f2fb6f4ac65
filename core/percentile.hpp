// Rally's percentile (rally/task/processing/utils.py::percentile): linear interpolation between the
// two values around rank k = (n - 1) p of the sorted list. The one percentile of bfvsim: the reports,
// the expectations, the Rally tables and `bfvsim calibrate` all use it.
#pragma once
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <vector>

namespace bfv {

// `sorted` ascending and not empty; p in [0, 1].
inline double percentile(const std::vector<double>& sorted, double p) {
  const double k = static_cast<double>(sorted.size() - 1) * p;
  const double f = std::floor(k), c = std::ceil(k);
  if (f == c) return sorted[static_cast<std::size_t>(k)];
  return sorted[static_cast<std::size_t>(f)] * (c - k) + sorted[static_cast<std::size_t>(c)] * (k - f);
}

// Same, of values in any order (0 for none).
inline double percentile_of(std::vector<double> values, double p) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  return percentile(values, p);
}

}  // namespace bfv
