/// Loop facts visible as `@index` (0-based), `@number` (1-based), `@first`, `@last` and
/// `@count` inside a section over a list.
struct LoopInfo {
    var index: Int
    var count: Int
}

/// The Mustache context stack, plus loop metadata.
struct ContextStack {
    private(set) var frames: [(value: Value, loop: LoopInfo?)]

    init(root: Value) { frames = [(root, nil)] }

    mutating func push(_ value: Value, loop: LoopInfo? = nil) { frames.append((value, loop)) }
    mutating func pop() { frames.removeLast() }

    enum Lookup {
        case found(Value)
        /// No frame has the first name component.
        case missing
        /// The first component was found but a later one is not in it.
        case missingMember(String)
    }

    /// Mustache lookup: the first component is searched from the innermost frame outwards,
    /// the following components only inside what it found.
    func resolve(_ tag: Tag) -> Lookup {
        if tag.name == "." { return .found(frames.last!.value) }
        if tag.name.hasPrefix("@") { return loopValue(String(tag.name.dropFirst())) }
        let path = tag.path
        guard let first = path.first else { return .missing }
        var current: Value?
        for frame in frames.reversed() {
            if case .object(let o) = frame.value, let v = o[first] { current = v; break }
        }
        guard var value = current else { return .missing }
        for component in path.dropFirst() {
            guard case .object(let o) = value, let next = o[component] else {
                return .missingMember(component)
            }
            value = next
        }
        return .found(value)
    }

    private func loopValue(_ name: String) -> Lookup {
        guard let loop = frames.reversed().lazy.compactMap(\.loop).first else { return .missing }
        switch name {
        case "index": return .found(.int(loop.index))
        case "number": return .found(.int(loop.index + 1))
        case "first": return .found(.bool(loop.index == 0))
        case "last": return .found(.bool(loop.index == loop.count - 1))
        case "count": return .found(.int(loop.count))
        default: return .missing
        }
    }
}

/// How a section's value decides what is rendered: once per list item, once with an object
/// pushed, once for another truthy value, never for a falsy one (the reverse when inverted).
enum SectionExpansion {
    /// Calls `body` once per iteration with the context prepared.
    static func expand(_ value: Value, inverted: Bool, context: inout ContextStack, body: (inout ContextStack) -> Void) {
        if inverted {
            if !value.isTruthy { body(&context) }
            return
        }
        switch value {
        case .array(let items):
            for (i, item) in items.enumerated() {
                context.push(item, loop: LoopInfo(index: i, count: items.count))
                body(&context)
                context.pop()
            }
        case .object:
            context.push(value)
            body(&context)
            context.pop()
        default:
            if value.isTruthy {
                context.push(value)
                body(&context)
                context.pop()
            }
        }
    }
}
