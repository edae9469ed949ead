import Foundation

/// Things a template keeps between renders for the next render to reuse (output buffers, open
/// readers of the template's archive). Thread-safe: batches render one template on all cores;
/// each item is used by one render at a time. Bounded: at most `limit` idle items are kept.
final class IdlePool<Item>: @unchecked Sendable {
    private let lock = NSLock()
    private var idle: [Item] = []
    private let limit: Int

    init(limit: Int) { self.limit = limit }

    /// An idle item, the last one `preferred` accepts if any; nil when none is idle.
    func take(preferring preferred: (Item) -> Bool = { _ in true }) -> Item? {
        lock.lock(); defer { lock.unlock() }
        guard let i = idle.lastIndex(where: preferred) ?? idle.indices.last else { return nil }
        return idle.remove(at: i)
    }

    func recycle<S: Sequence>(_ items: S) where S.Element == Item {
        lock.lock(); defer { lock.unlock() }
        for item in items where idle.count < limit { idle.append(item) }
    }
}

/// Output buffers: a report renders to a few hundred KB; reusing the memory saves the page
/// faults and zeroing of fresh allocations on every render (measurable in batches).
final class BufferPool: Sendable {
    private let pool = IdlePool<OutputBuffer>(limit: 8)

    /// A buffer with at least `capacity` bytes reserved when one is idle, else a new one.
    func take(capacity: Int) -> OutputBuffer {
        pool.take(preferring: { $0.capacityInBytes >= capacity }) ?? OutputBuffer(capacity: capacity)
    }

    func recycle<S: Sequence>(_ buffers: S) where S.Element == OutputBuffer {
        pool.recycle(buffers.lazy.map { $0.truncate(to: 0); $0.limit = .max; return $0 })
    }
}
