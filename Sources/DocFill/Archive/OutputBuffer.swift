#if canImport(Glibc)
import Glibc
#endif

/// Growable bytes in malloc'ed memory. A rendered part is written here and handed to libzip
/// as is (libzip frees it), so a big part exists once in memory, not twice; growth uses
/// realloc, which moves large blocks by remapping pages rather than copying them.
///
/// A buffer holds at most `limit` bytes: an append that would cross it is dropped and the
/// buffer marked `overflowed`, so a runaway render costs no memory past the limit; the
/// renderer sees the mark and stops (`output_too_large`).
final class OutputBuffer {
    private(set) var base: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private var capacity: Int
    /// The most bytes the buffer takes (`OutputLimits`); unbounded by default.
    var limit = Int.max { didSet { overflowed = false; writable = min(capacity, limit) } }
    /// An append was dropped because it would have crossed `limit`.
    private(set) var overflowed = false
    /// min(capacity, limit): the one comparison an append makes on its fast path.
    private var writable: Int

    init(capacity: Int = 1 << 16) {
        self.capacity = max(capacity, 64)
        writable = self.capacity
        base = malloc(self.capacity)!.assumingMemoryBound(to: UInt8.self)
    }

    deinit { free(base) }

    /// Whether `extra` more bytes fit (growing the memory if needed); false past the limit.
    @inline(__always)
    private func reserve(_ extra: Int) -> Bool {
        guard count + extra > writable else { return true }
        return grow(extra)
    }

    private func grow(_ extra: Int) -> Bool {
        guard count + extra <= limit, !overflowed else { overflowed = true; return false }
        if count + extra <= capacity { return true }
        var newCapacity = capacity * 2
        while newCapacity < count + extra { newCapacity *= 2 }
        // Never more than the limit: the doubling step would reserve up to twice it.
        newCapacity = max(min(newCapacity, limit), count + extra)
        base = realloc(base, newCapacity)!.assumingMemoryBound(to: UInt8.self)
        capacity = newCapacity
        writable = min(capacity, limit)
        return true
    }

    @inline(__always)
    func append(_ byte: UInt8) {
        guard reserve(1) else { return }
        base[count] = byte
        count += 1
    }

    func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, bytes.count > 0, reserve(bytes.count) else { return }
        (base + count).update(from: source, count: bytes.count)
        count += bytes.count
    }

    func append(_ bytes: [UInt8]) { bytes.withUnsafeBufferPointer { append($0) } }

    func truncate(to newCount: Int) { count = min(count, newCount) }

    /// Replaces the bytes in `range`, moving what follows (a part's styles found used only
    /// once its body is rendered).
    func replace(_ range: Range<Int>, with bytes: [UInt8]) {
        guard range.upperBound <= count else { return }
        let growth = bytes.count - range.count
        if growth > 0 { guard reserve(growth) else { return } }
        memmove(base + range.lowerBound + bytes.count, base + range.upperBound, count - range.upperBound)
        bytes.withUnsafeBufferPointer { if let b = $0.baseAddress { (base + range.lowerBound).update(from: b, count: bytes.count) } }
        count += growth
    }

    /// Whether the last bytes are `suffix`.
    func ends(with suffix: [UInt8]) -> Bool {
        guard suffix.count <= count else { return false }
        let start = count - suffix.count
        return suffix.indices.allSatisfy { base[start + $0] == suffix[$0] }
    }

    /// The byte at `i` (below `count`).
    subscript(i: Int) -> UInt8 { base[i] }

    /// The first place `pattern` occurs from `start`, if any.
    func firstIndex(of pattern: [UInt8], from start: Int = 0) -> Int? {
        ByteSearch.firstIndex(of: pattern, in: UnsafeBufferPointer(start: base, count: count), from: start)
    }

    var capacityInBytes: Int { capacity }

    var bytes: [UInt8] { Array(UnsafeBufferPointer(start: base, count: count)) }

    /// Gives the memory to a new owner, who must free() it; this buffer starts over empty.
    func take() -> (pointer: UnsafeMutableRawPointer, count: Int) {
        let taken = (UnsafeMutableRawPointer(base), count)
        capacity = 64
        base = malloc(capacity)!.assumingMemoryBound(to: UInt8.self)
        count = 0
        limit = .max
        return taken
    }
}
