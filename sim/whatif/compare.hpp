// `bfvsim compare DIR...`: two or more `run --out` directories side by side, each against the
// first (as `rally task report A B`): counts by status and fault, each phase's median and p95, boot
// p50/p95/p99, the top bottleneck; compare.html overlays their boot-time CDFs and phase bars.
#pragma once
#include <string>
#include <vector>

#include "sim/whatif/summary.hpp"

namespace bfv::whatif {

std::string compare_text(const std::vector<RunSummary>& runs);
std::string compare_html(const std::vector<RunSummary>& runs);

}  // namespace bfv::whatif
