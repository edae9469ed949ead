/// Loop facts visible as `@index` (0-based), `@number` (1-based), `@first`, `@last` and
/// `@count` inside a section over a list.
struct LoopInfo {
    var index: Int
    var count: Int
}

/// The Mustache context stack, plus loop metadata.
struct ContextStack {
    /// `name`: the name components of the section that pushed the frame (empty for `.`),
    /// kept to spell the data path of a list item when a problem is reported.
    private(set) var frames: [(value: Value, loop: LoopInfo?, name: [String])]

    /// `item`: the root is that item of a list (a batch record), for `@index`, `@number`….
    init(root: Value, item: (index: Int, count: Int)? = nil) {
        frames = [(root, item.map { LoopInfo(index: $0.index, count: $0.count) }, [])]
    }

    mutating func push(_ value: Value, loop: LoopInfo? = nil, name: [String] = []) { frames.append((value, loop, name)) }
    mutating func pop() { frames.removeLast() }

    enum Lookup {
        case found(Value)
        /// No frame has the first name component.
        case missing
        /// The first component was found but the one at `index` is not in `container`, the
        /// value the components before it give.
        case missingMember(index: Int, container: Value)
    }

    /// Mustache lookup: the first component is searched from the innermost frame outwards,
    /// the following components only inside what it found.
    func resolve(_ tag: TemplateTag) -> Lookup {
        if tag.name == "." { return .found(frames.last!.value) }
        if tag.name.hasPrefix("@") { return loopValue(String(tag.name.dropFirst())) }
        let path = tag.path
        guard let first = path.first else { return .missing }
        var current: Value?
        for frame in frames.reversed() {
            if case .object(let o) = frame.value, let v = o[first] { current = v; break }
        }
        guard var value = current else { return .missing }
        for (index, component) in path.enumerated().dropFirst() {
            guard case .object(let o) = value, let next = o[component] else {
                return .missingMember(index: index, container: value)
            }
            value = next
        }
        return .found(value)
    }

    /// The keys a name's first component could have been: those of every object on the stack.
    var visibleKeys: Set<String> {
        var keys: Set<String> = []
        for frame in frames { if case .object(let o) = frame.value { keys.formUnion(o.keys) } }
        return keys
    }

    /// The data path of the innermost list item being rendered (`items[1]`,
    /// `parts[0].sections[2]`, 0-based as every data path); nil outside lists. Spelled out
    /// only when a problem is reported: a render does not build paths it never shows.
    var itemPath: String? {
        guard let k = frames.lastIndex(where: { $0.loop != nil }) else { return nil }
        return dataPath(of: k)
    }

    private func dataPath(of k: Int) -> String {
        guard k > 0 else { return "" }
        let frame = frames[k]
        var path: String
        if let first = frame.name.first {
            // Found as the render looked it up: the first name from the frame below outwards.
            let parent = frames[..<k].lastIndex { if case .object(let o) = $0.value { o[first] != nil } else { false } } ?? 0
            path = frame.name.reduce(dataPath(of: parent)) { DataPath.key($0, $1) }
        } else {
            path = dataPath(of: k - 1)   // `{{#.}}` goes over the value below it
        }
        if let loop = frame.loop { path = DataPath.index(path, loop.index) }
        return path
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
    /// `name`: the section's name components, recorded with each frame pushed.
    static func expand(_ value: Value, inverted: Bool, name: [String], context: inout ContextStack,
                       body: (inout ContextStack) -> Void) {
        // A falsy value renders nothing; an empty rich value is falsy though an object.
        guard value.isTruthy != inverted else { return }
        if inverted { body(&context); return }
        switch value {
        case .array(let items):
            for (i, item) in items.enumerated() {
                context.push(item, loop: LoopInfo(index: i, count: items.count), name: name)
                body(&context)
                context.pop()
            }
        default:
            context.push(value, name: name)
            body(&context)
            context.pop()
        }
    }
}
