import Foundation

/// Output buffers kept between renders of one template. A report renders to a few hundred
/// KB; reusing the memory saves the page faults and zeroing of fresh allocations on every
/// render (measurable in batches). Bounded: at most `limit` idle buffers are kept.
final class BufferPool: @unchecked Sendable {
    private let lock = NSLock()
    private var idle: [OutputBuffer] = []
    private let limit = 8

    /// A buffer with at least `capacity` bytes reserved when one is idle, else a new one.
    func take(capacity: Int) -> OutputBuffer {
        lock.lock()
        if let i = idle.lastIndex(where: { $0.capacityInBytes >= capacity }) ?? idle.indices.last {
            let buffer = idle.remove(at: i)
            lock.unlock()
            return buffer
        }
        lock.unlock()
        return OutputBuffer(capacity: capacity)
    }

    func recycle<S: Sequence>(_ buffers: S) where S.Element == OutputBuffer {
        lock.lock(); defer { lock.unlock() }
        for buffer in buffers where idle.count < limit {
            buffer.truncate(to: 0)
            idle.append(buffer)
        }
    }
}
