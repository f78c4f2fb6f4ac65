// Interrupted runs: SIGINT / SIGTERM end bfvsim with the shell's convention 128 + signal (130, 143),
// not SimGrid's own CTRL-C handler (which exits 1, the code for "expectations failed"), and remove
// the output files still being written (their NAME.partial temporaries) so nothing cut short is
// left behind.
#pragma once
#include <string>

namespace bfv {

// Installs the handlers; call after the SimGrid engine exists (it installs its own on creation).
void install_interrupt_handlers();

// Output files being written, by temporary path: the handler unlinks them. Returns a slot (-1 when
// all slots are taken: that file is then only removed by its writer).
int register_partial_output(const char* path);
inline int register_partial_output(const std::string& path) { return register_partial_output(path.c_str()); }
void forget_partial_output(int slot);

}  // namespace bfv
