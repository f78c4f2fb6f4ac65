// Whether this build runs under AddressSanitizer (scripts/sanitize.sh, scripts/fuzz.sh: clang
// -fsanitize=address,undefined), and what the engine does about it.
//
// Why: SimGrid's raw contexts switch stacks with hand-written assembly that ASan is not told about
// (no __sanitizer_start_switch_fiber in Debian's libsimgrid 3.32), so ASan's shadow of the stack is
// wrong after the first switch, and its instrumented frames (redzones around every local) need
// several times the stack a release build measures. A sanitized build therefore runs every actor
// as a thread (contexts/factory:thread: ASan knows threads) on 8x the stack, and the
// BFVSIM_STACK_CHECK high-water check (calibrated on release frames) is off. Release builds are
// unchanged: raw contexts, measured stacks, guard pages.
#pragma once

namespace bfv {

#if defined(__SANITIZE_ADDRESS__)
inline constexpr bool kAddressSanitizer = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
inline constexpr bool kAddressSanitizer = true;
#else
inline constexpr bool kAddressSanitizer = false;
#endif
#else
inline constexpr bool kAddressSanitizer = false;
#endif

// Actor stacks are this many times larger under ASan.
inline constexpr unsigned kSanitizerStackFactor = kAddressSanitizer ? 8 : 1;

}  // namespace bfv
