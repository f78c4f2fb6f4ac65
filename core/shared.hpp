// Shared<T>: an immutable value held once and shared by every copy (issue 16 item 4). A storm's
// requests carry the same normalized BDM list: per request, its JSON text (~200 bytes) in the
// RequestRecord and the list itself (408 bytes per Bdm plus strings) in the nova::Instance were
// copies of one value. A Shared<T> costs one pointer per holder; reading it is reading the T
// (conversion to const T&, and the container calls the holders use), so code that only reads
// compiles unchanged. Assigning a T makes a new shared value; nothing can change one in place.
#pragma once
#include <cstddef>
#include <memory>
#include <utility>

namespace bfv {

template <class T>
class Shared {
 public:
  Shared() : p_(default_value()) {}
  Shared(T v) : p_(std::make_shared<const T>(std::move(v))) {}  // NOLINT: implicit, as the T it replaces
  Shared& operator=(T v) {
    p_ = std::make_shared<const T>(std::move(v));
    return *this;
  }

  const T& get() const { return *p_; }
  operator const T&() const { return *p_; }  // NOLINT: reads as the T it replaces
  const T* operator->() const { return p_.get(); }
  // Holders that share one value (2 for a value and one copy of it); for tests.
  long use_count() const { return p_.use_count(); }

  // The container reads the holders use (BDM lists, text).
  std::size_t size() const { return p_->size(); }
  bool empty() const { return p_->empty(); }
  decltype(auto) operator[](std::size_t i) const { return (*p_)[i]; }
  auto begin() const { return p_->begin(); }
  auto end() const { return p_->end(); }

  friend bool operator==(const Shared& a, const T& b) { return *a.p_ == b; }
  friend bool operator==(const Shared& a, const Shared& b) { return a.p_ == b.p_ || *a.p_ == *b.p_; }

 private:
  // One default value per T, shared by every default-constructed holder.
  static const std::shared_ptr<const T>& default_value() {
    static const std::shared_ptr<const T> e = std::make_shared<const T>();
    return e;
  }
  std::shared_ptr<const T> p_;
};

}  // namespace bfv
