#include "core/interrupt.hpp"

#include <unistd.h>

#include <atomic>
#include <csignal>
#include <cstring>

namespace bfv {
namespace {

constexpr int kSlots = 16;  // the writers run at most a handful of files at once
constexpr size_t kPathMax = 4096;
char g_paths[kSlots][kPathMax];
std::atomic<bool> g_used[kSlots];

extern "C" void on_interrupt(int sig) {
  // Only async-signal-safe calls here: unlink, write, _exit.
  for (int i = 0; i < kSlots; ++i)
    if (g_used[i].load()) ::unlink(g_paths[i]);
  const char msg[] = "\nbfvsim: interrupted; partial outputs removed\n";
  ssize_t ignored = ::write(2, msg, sizeof msg - 1);
  (void)ignored;
  ::_exit(128 + sig);
}

}  // namespace

void install_interrupt_handlers() {
  struct sigaction sa {};
  sa.sa_handler = on_interrupt;
  sigemptyset(&sa.sa_mask);
  ::sigaction(SIGINT, &sa, nullptr);
  ::sigaction(SIGTERM, &sa, nullptr);
}

int register_partial_output(const char* path) {
  if (std::strlen(path) >= kPathMax) return -1;
  for (int i = 0; i < kSlots; ++i) {
    bool expected = false;
    if (!g_used[i].load() && g_used[i].compare_exchange_strong(expected, true)) {
      // Written before it is marked used for the handler's eyes: the flag was just taken, the path
      // is copied, then the slot stays used until forget_partial_output.
      std::strncpy(g_paths[i], path, kPathMax - 1);
      g_paths[i][kPathMax - 1] = '\0';
      return i;
    }
  }
  return -1;
}

void forget_partial_output(int slot) {
  if (slot >= 0 && slot < kSlots) g_used[slot].store(false);
}

}  // namespace bfv
