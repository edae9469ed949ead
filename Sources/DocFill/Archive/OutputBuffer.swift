#if canImport(Glibc)
import Glibc
#endif

/// Growable bytes in malloc'ed memory. A rendered part is written here and handed to libzip
/// as is (libzip frees it), so a big part exists once in memory, not twice; growth uses
/// realloc, which moves large blocks by remapping pages rather than copying them.
final class OutputBuffer {
    private(set) var base: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int = 1 << 16) {
        self.capacity = max(capacity, 64)
        base = malloc(self.capacity)!.assumingMemoryBound(to: UInt8.self)
    }

    deinit { free(base) }

    @inline(__always)
    private func reserve(_ extra: Int) {
        guard count + extra > capacity else { return }
        var newCapacity = capacity * 2
        while newCapacity < count + extra { newCapacity *= 2 }
        base = realloc(base, newCapacity)!.assumingMemoryBound(to: UInt8.self)
        capacity = newCapacity
    }

    @inline(__always)
    func append(_ byte: UInt8) {
        reserve(1)
        base[count] = byte
        count += 1
    }

    func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, bytes.count > 0 else { return }
        reserve(bytes.count)
        (base + count).update(from: source, count: bytes.count)
        count += bytes.count
    }

    func append(_ bytes: [UInt8]) { bytes.withUnsafeBufferPointer { append($0) } }

    func truncate(to newCount: Int) { count = min(count, newCount) }

    var capacityInBytes: Int { capacity }

    var bytes: [UInt8] { Array(UnsafeBufferPointer(start: base, count: count)) }

    /// Gives the memory to a new owner, who must free() it; this buffer starts over empty.
    func take() -> (pointer: UnsafeMutableRawPointer, count: Int) {
        let taken = (UnsafeMutableRawPointer(base), count)
        capacity = 64
        base = malloc(capacity)!.assumingMemoryBound(to: UInt8.self)
        count = 0
        return taken
    }
}
