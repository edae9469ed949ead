import Foundation

/// Output names claimed in record order, whatever order the workers get there in: a name
/// given by two records belongs to the earlier one, as when the records were named one after
/// another. Every record claims exactly once (with no name when it has none), so a worker
/// waits only for records handed out before its own, which other workers hold and finish.
final class NameClaims: @unchecked Sendable {
    // State under `condition`'s lock.
    private let condition = NSCondition()
    private var next = 0
    private var taken: [String: Int] = [:]

    /// Claims `name` for record `index` once records 0..<index have claimed theirs; returns
    /// the earlier record that holds the name, or nil when it is this record's.
    func claim(_ index: Int, _ name: String?) -> Int? {
        condition.lock()
        defer { condition.unlock() }
        while next != index { condition.wait() }
        next += 1
        condition.broadcast()
        guard let name else { return nil }
        // Case-insensitive file systems would put two such names in one file.
        let key = name.lowercased()
        if let earlier = taken[key] { return earlier }
        taken[key] = index
        return nil
    }
}

/// Hands items finished in any order to `deliver` in index order (0, 1, 2…), each once all
/// before it have been delivered; `deliver` runs under the lock, so deliveries never overlap.
final class InOrder<Item: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0
    private var waiting: [Int: Item] = [:]
    private let deliver: @Sendable (Item) -> Void

    init(_ deliver: @escaping @Sendable (Item) -> Void) { self.deliver = deliver }

    func put(_ index: Int, _ item: Item) {
        lock.withLock {
            waiting[index] = item
            while let ready = waiting.removeValue(forKey: next) {
                deliver(ready)
                next += 1
            }
        }
    }
}
