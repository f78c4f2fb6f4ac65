// The documented input limits (docs/limits.md lists each one with the error it gives).
//
// Why: every input bfvsim reads is checked against these before any work starts, so a hostile or
// mistyped file ends in a clean exit 2 naming file:line:col and key, never in a hang, a memory
// blow-up or a crash later in the run (issue 17). Each limit is far above what a real cloud or a
// benchmark needs (the largest benchmark row is 1,000,000 requests on 10,000 computes).
#pragma once
#include <cstddef>
#include <cstdint>

namespace bfv::limits {

// Files: scenarios, Rally tasks, request bodies.
constexpr size_t kMaxInputBytes = 16u << 20;  // 16 MiB; the largest shipped scenario is ~10 KiB
// YAML documents: nesting depth and nodes visited with aliases expanded (an alias cycle or a
// "billion laughs" document hits one of them). Nova's own bodies nest 4 deep; 64 leaves room for
// any metadata a user pastes.
constexpr int kMaxYamlDepth = 64;
constexpr size_t kMaxYamlNodes = 1'000'000;
// One scalar (a word, a name, a command line).
constexpr size_t kMaxScalarBytes = 1u << 20;  // 1 MiB
// Simulated time: every time value (at:, delays, durations, timeouts), after its unit.
constexpr double kMaxTimeS = 1e9;  // ~31.7 years of simulated time
// Topology and workload sizes.
constexpr int64_t kMaxRacks = 10'000;
constexpr int64_t kMaxComputes = 100'000;     // 10x the largest benchmark cloud
constexpr int64_t kMaxRequests = 2'000'000;   // all streams together; 2x the 1M benchmark
constexpr int64_t kMaxConcurrency = 100'000;  // Rally concurrency / arrival concurrency
// Utilization sampling: at most this many samples per resource for the longest run.
constexpr double kMinSampleIntervalS = 1e-3;

}  // namespace bfv::limits
