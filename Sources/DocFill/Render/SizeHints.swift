import Foundation

/// Remembers how big each rendered part was, so that the next render of the same template
/// allocates its buffer once instead of growing it step by step.
final class SizeHints: @unchecked Sendable {
    private let lock = NSLock()
    private var sizes: [String: Int] = [:]

    func hint(for part: String) -> Int {
        lock.lock(); defer { lock.unlock() }
        return sizes[part].map { $0 + $0 / 8 } ?? (1 << 16)
    }

    func record(_ size: Int, for part: String) {
        lock.lock(); defer { lock.unlock() }
        sizes[part] = size
    }
}
