// Closed sets as enums (issue 12): each set declares `name(E)` as one switch (so -Wswitch names a
// value left out) and its size as `kEnumSize<E>`; parsing, the list of names (for did-you-mean, the
// JSON schema and the docs) and the round trip come from those two, here, once. The text a user
// writes is parsed at the edge (the loader); inside the simulator only the enum travels.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bfv {

template <class E>
inline constexpr int kEnumSize = 0;  // specialised beside each enum

// The value whose name() is `text`, if any.
template <class E>
std::optional<E> parse_enum(std::string_view text) {
  for (int i = 0; i < kEnumSize<E>; ++i)
    if (name(static_cast<E>(i)) == text) return static_cast<E>(i);
  return std::nullopt;
}

// Every name, in declaration order.
template <class E>
std::vector<std::string> enum_names() {
  std::vector<std::string> v;
  for (int i = 0; i < kEnumSize<E>; ++i) v.emplace_back(name(static_cast<E>(i)));
  return v;
}

// std::visit over a variant with one lambda per alternative: a missing one does not compile.
template <class... F>
struct overloaded : F... {
  using F::operator()...;
};
template <class... F>
overloaded(F...) -> overloaded<F...>;

}  // namespace bfv
