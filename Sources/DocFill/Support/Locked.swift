import Foundation

/// A value shared between threads, changed only under its lock.
final class Locked<State>: @unchecked Sendable {
    private let lock = NSLock()
    private var state: State
    init(_ state: State) { self.state = state }
    var value: State { lock.withLock { state } }
    func update<R>(_ body: (inout State) -> R) -> R { lock.withLock { body(&state) } }
}
