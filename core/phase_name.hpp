// PhaseName: a request phase's name ("api", "build_queue", ...), interned (issue 16 item 4). Every
// request records ~8 phases; as std::string + double they were 40 bytes each, 320 per request at a
// million requests. A PhaseName is one pointer to the process's single copy of the name, so a phase
// is 16 bytes. Reading one is reading its std::string (conversions to const std::string& and
// std::string_view), so code that reads phase names compiles unchanged. The names are held in a
// node-based set that only grows (a handful of names per run); pointers into it stay valid, so
// reading needs no lock; interning takes one.
#pragma once
#include <functional>
#include <mutex>
#include <set>
#include <string>
#include <string_view>

namespace bfv {

class PhaseName {
 public:
  PhaseName() : p_(&intern({})) {}
  PhaseName(std::string_view s) : p_(&intern(s)) {}    // NOLINT: implicit, as the std::string it replaces
  PhaseName(const char* s) : p_(&intern(s)) {}         // NOLINT
  PhaseName(const std::string& s) : p_(&intern(s)) {}  // NOLINT

  const std::string& str() const { return *p_; }
  operator const std::string&() const { return *p_; }  // NOLINT: reads as a std::string
  operator std::string_view() const { return *p_; }    // NOLINT
  const char* c_str() const { return p_->c_str(); }
  std::size_t size() const { return p_->size(); }
  bool empty() const { return p_->empty(); }

  friend bool operator==(const PhaseName& a, const PhaseName& b) { return a.p_ == b.p_; }
  friend bool operator!=(const PhaseName& a, const PhaseName& b) { return a.p_ != b.p_; }
  friend bool operator==(const PhaseName& a, std::string_view b) { return *a.p_ == b; }
  friend bool operator!=(const PhaseName& a, std::string_view b) { return *a.p_ != b; }
  friend bool operator==(const PhaseName& a, const char* b) { return *a.p_ == b; }
  friend bool operator!=(const PhaseName& a, const char* b) { return *a.p_ != b; }
  friend bool operator==(const PhaseName& a, const std::string& b) { return *a.p_ == b; }
  friend bool operator!=(const PhaseName& a, const std::string& b) { return *a.p_ != b; }
  // by name, as the strings compared (never by address: that would depend on interning order)
  friend bool operator<(const PhaseName& a, const PhaseName& b) { return *a.p_ < *b.p_; }

 private:
  static const std::string& intern(std::string_view s) {
    static std::mutex m;
    static std::set<std::string, std::less<>> names;
    std::lock_guard<std::mutex> lock(m);
    auto it = names.find(s);
    if (it == names.end()) it = names.emplace(s).first;
    return *it;
  }
  const std::string* p_;
};

inline std::string operator+(const std::string& a, const PhaseName& b) { return a + b.str(); }
inline std::string operator+(const PhaseName& a, const std::string& b) { return a.str() + b; }
inline std::string operator+(const char* a, const PhaseName& b) { return a + b.str(); }
inline std::string operator+(const PhaseName& a, const char* b) { return a.str() + b; }

}  // namespace bfv
