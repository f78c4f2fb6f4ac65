// SpillLog<T>: the append-only table behind the event log (spans, arrows, samples), in chunks of
// kChunk elements that can live in a temporary file instead of the heap (issue 16 item 4).
//
// In memory (the default) a chunk is a heap array, as a std::deque's blocks were. Spilled
// (EventLog::spill_to), every chunk is a MAP_SHARED mapping of its own slice of one temporary file,
// unlinked as soon as it is open (nothing is left behind, even after a crash). A finished request's
// spans are in chunks behind the one being written; release() hands their pages back to the kernel
// (madvise MADV_DONTNEED: on a shared file mapping the data stays in the file and the page cache, and
// the next read faults the page back in). So a million requests' spans leave the process's resident
// memory as they are written, and the reports read them back through the same mapping, page by page.
// The elements are the same bytes either way, so every report is the same byte for byte.
#pragma once
#include <sys/mman.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <iterator>
#include <memory>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

namespace bfv {

template <class T>
class SpillLog {
  static_assert(std::is_trivially_copyable_v<T>, "SpillLog keeps raw bytes");

 public:
  static constexpr std::size_t kChunk = 65536;  // elements per chunk; kChunk * sizeof(T) is a page multiple
  static constexpr std::size_t kChunkBytes = kChunk * sizeof(T);

  SpillLog() = default;
  SpillLog(const SpillLog&) = delete;
  SpillLog& operator=(const SpillLog&) = delete;
  SpillLog(SpillLog&& o) noexcept
      : chunks_(std::move(o.chunks_)), touched_(std::move(o.touched_)), size_(o.size_), fd_(o.fd_) {
    o.chunks_.clear();
    o.size_ = 0;
    o.fd_ = -1;
  }
  SpillLog& operator=(SpillLog&&) = delete;
  ~SpillLog() {
    for (T* c : chunks_)
      if (fd_ >= 0)
        ::munmap(c, kChunkBytes);
      else
        delete[] c;
  }

  // From now on new chunks are mapped from `fd` (an unlinked temporary file this log owns and closes).
  // Chunks already on the heap stay there (the log is spilled before the first element in practice).
  void spill_to(int fd) {
    if (!chunks_.empty()) throw std::logic_error("SpillLog::spill_to after the first element");
    fd_ = fd;
  }
  bool spilled() const { return fd_ >= 0; }

  void push_back(const T& v) {
    if (size_ == chunks_.size() * kChunk) grow();
    chunks_.back()[size_ % kChunk] = v;
    ++size_;
  }
  T& operator[](std::size_t i) { return chunks_[i / kChunk][i % kChunk]; }
  const T& operator[](std::size_t i) const { return chunks_[i / kChunk][i % kChunk]; }
  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  const T& back() const { return (*this)[size_ - 1]; }

  // A write to element i (after push_back): its chunk is resident again until the next release.
  void touched(std::size_t i) {
    if (fd_ >= 0 && i / kChunk + 1 < chunks_.size()) touched_[i / kChunk] = 1;
  }
  // Drops the resident pages of every full chunk (all of them with `all`, e.g. while the reports
  // read): they stay in the file and are read back on the next access. No-op in memory.
  void release(bool all = false) const {
    if (fd_ < 0) return;
    std::size_t n = all ? chunks_.size() : (chunks_.empty() ? 0 : chunks_.size() - 1);
    for (std::size_t c = 0; c < n; ++c) ::madvise(chunks_[c], kChunkBytes, MADV_DONTNEED);
  }

  class const_iterator {
   public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = T;
    using difference_type = std::ptrdiff_t;
    using pointer = const T*;
    using reference = const T&;
    const_iterator(const SpillLog* log, std::size_t i) : log_(log), i_(i) {}
    reference operator*() const { return (*log_)[i_]; }
    pointer operator->() const { return &(*log_)[i_]; }
    const_iterator& operator++() {
      ++i_;
      return *this;
    }
    const_iterator operator++(int) {
      auto t = *this;
      ++i_;
      return t;
    }
    bool operator==(const const_iterator& o) const { return i_ == o.i_; }
    bool operator!=(const const_iterator& o) const { return i_ != o.i_; }

   private:
    const SpillLog* log_;
    std::size_t i_;
  };
  const_iterator begin() const { return {this, 0}; }
  const_iterator end() const { return {this, size_}; }

 private:
  void grow() {
    if (fd_ < 0) {
      chunks_.push_back(new T[kChunk]);
      return;
    }
    // The chunks behind the new one are complete: drop their pages (and those written again since).
    if (!chunks_.empty()) {
      ::madvise(chunks_.back(), kChunkBytes, MADV_DONTNEED);
      for (std::size_t c = 0; c < touched_.size(); ++c)
        if (touched_[c]) {
          ::madvise(chunks_[c], kChunkBytes, MADV_DONTNEED);
          touched_[c] = 0;
        }
    }
    const auto off = static_cast<off_t>(chunks_.size() * kChunkBytes);
    if (::ftruncate(fd_, off + static_cast<off_t>(kChunkBytes)) != 0)
      throw std::runtime_error("cannot grow the event log's spill file (disk full?)");
    void* p = ::mmap(nullptr, kChunkBytes, PROT_READ | PROT_WRITE, MAP_SHARED, fd_, off);
    if (p == MAP_FAILED) throw std::runtime_error("cannot map the event log's spill file");
    chunks_.push_back(static_cast<T*>(p));
    touched_.push_back(0);
  }

  std::vector<T*> chunks_;
  std::vector<char> touched_;  // per chunk: written since its pages were last dropped
  std::size_t size_ = 0;
  int fd_ = -1;  // not owned: EventLog closes it
};

}  // namespace bfv
