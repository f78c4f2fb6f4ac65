// Escaping user text for each consumer of bfvsim's output (issue 17 item 7).
//
// Why: names, descriptions, command lines and error messages echo what a user wrote. The loader
// refuses invalid UTF-8 in files, but command-line arguments (paths, --set values, explain's
// REQUEST) arrive as raw bytes, and valid UTF-8 may still hold terminal escapes (ESC, CSI U+009B).
// Each writer passes user text through the function for its consumer:
//   - console (stdout/stderr): term_safe — C0/C1 controls except newline and tab, DEL and bytes
//     that are not UTF-8 become visible escapes (\x1b, \u009b), so a name can never move the
//     cursor, retitle the window or clear the screen;
//   - report.json: utf8_valid — invalid UTF-8 becomes U+FFFD, so the file is always JSON;
//   - report.html labels: utf8_truncate — never cuts a multi-byte character in half;
//   - CSV: reports/csv.cpp::cell (OWASP CSV injection: a leading = + - @ tab or CR is quoted).
// Pure functions, no SimGrid.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace bfv::text {

// The length in bytes of the valid UTF-8 sequence starting at s[i] (1-4), or 0 when s[i] does not
// start one (a stray continuation byte, an overlong form, a surrogate, past U+10FFFF, cut short).
size_t utf8_seq_len(std::string_view s, size_t i);

// `s` with every byte that is not part of valid UTF-8 replaced by U+FFFD (what nlohmann::json's
// error_handler_t::replace does); valid text is returned unchanged.
std::string utf8_valid(std::string_view s);

// At most `max_chars` characters (code points) of `s`, never cutting one in half; when it cuts,
// `ellipsis` is appended (and counts as one of the characters).
std::string utf8_truncate(std::string_view s, size_t max_chars, std::string_view ellipsis = "\u2026");

// `s` safe to print on a terminal: newline and tab kept; every other C0 control (ESC, CR, BEL, ...),
// DEL and each byte that is not UTF-8 as \xHH; C1 controls (U+0080-U+009F) as \uHHHH.
std::string term_safe(std::string_view s);

}  // namespace bfv::text
