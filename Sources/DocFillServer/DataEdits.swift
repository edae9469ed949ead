import DocFill
import Foundation

/// A data path as forms name their fields and check messages name values: `number`,
/// `issuer.name_lines[0]`, `appendices[5].rows[2].cells[1]` (keys and 0-based indexes).
struct DataPath: Hashable, Sendable, CustomStringConvertible {
    enum Step: Hashable, Sendable {
        case key(String)
        case index(Int)
    }
    var steps: [Step]

    init(_ steps: [Step]) { self.steps = steps }

    /// Parses a path; nil for anything else (a field name the form did not write).
    init?(_ text: String) {
        var steps: [Step] = []
        var key = ""
        var chars = Substring(text)
        func flush() -> Bool {
            guard !key.isEmpty else { return true }
            steps.append(.key(key)); key = ""
            return true
        }
        while let c = chars.first {
            chars = chars.dropFirst()
            switch c {
            case ".":
                guard !key.isEmpty || steps.last.map({ if case .index = $0 { return true } else { return false } }) == true else { return nil }
                _ = flush()
            case "[":
                _ = flush()
                guard let close = chars.firstIndex(of: "]"), let i = Int(chars[..<close]), i >= 0, i < 100_000 else { return nil }
                steps.append(.index(i))
                chars = chars[chars.index(after: close)...]
            default:
                key.append(c)
            }
        }
        _ = flush()
        guard !steps.isEmpty else { return nil }
        self.steps = steps
    }

    var description: String {
        var s = ""
        for step in steps {
            switch step {
            case .key(let k): s += (s.isEmpty ? "" : ".") + k
            case .index(let i): s += "[\(i)]"
            }
        }
        return s
    }

    func appending(_ step: Step) -> DataPath { DataPath(steps + [step]) }
    func key(_ k: String) -> DataPath { appending(.key(k)) }
    func index(_ i: Int) -> DataPath { appending(.index(i)) }
    static let root = DataPath([])
}

/// Edits of a data value made by a posted form: the fields' texts set at their paths, rows
/// added, removed and moved. Each keeps the kind of the value it replaces (a number stays a
/// number when the text reads as one), so a form never turns `qty: 20` into `qty: "20"`.
enum DataEdits {
    /// The value at `path`, nil when there is none.
    static func get(_ value: Value, _ path: DataPath) -> Value? {
        var current = value
        for step in path.steps {
            switch (step, current) {
            case (.key(let k), .object(let o)): guard let next = o[k] else { return nil }; current = next
            case (.index(let i), .array(let a)): guard a.indices.contains(i) else { return nil }; current = a[i]
            default: return nil
            }
        }
        return current
    }

    /// `value` with `new` at `path`, objects and lists made on the way (a list only grown by one).
    static func set(_ value: Value, _ path: DataPath, _ new: Value) -> Value {
        guard let first = path.steps.first else { return new }
        let rest = DataPath(Array(path.steps.dropFirst()))
        switch first {
        case .key(let k):
            var o: [String: Value] = [:]
            if case .object(let existing) = value { o = existing }
            o[k] = set(o[k] ?? .null, rest, new)
            return .object(o)
        case .index(let i):
            var a: [Value] = []
            if case .array(let existing) = value { a = existing }
            if i < a.count { a[i] = set(a[i], rest, new) } else if i == a.count { a.append(set(.null, rest, new)) }
            return .array(a)
        }
    }

    /// The text of a field as the value it replaces: a number or a boolean kept one when the
    /// text reads as one; a rich value (`{md: …}`) keeps its form; anything else is text.
    static func coerce(_ text: String, like old: Value?) -> Value {
        let t = text.replacingOccurrences(of: "\r\n", with: "\n")
        switch old {
        case .int?: if let i = Int(t.trimmingCharacters(in: .whitespaces)) { return .int(i) }
        case .double?: if let d = Double(t.trimmingCharacters(in: .whitespaces)) { return .double(d) }
        case .bool?: if ["true", "false"].contains(t) { return .bool(t == "true") }
        case .object(let o)? where o.count == 1 && o["md"] != nil: return .object(["md": .string(t)])
        case .null?: if t.isEmpty { return .null }
        default: break
        }
        return .string(t)
    }

    /// The fields of a form applied to `value`: each path that names a scalar (or nothing yet
    /// under an existing parent) gets its text. Paths that do not parse are ignored.
    static func apply(_ fields: [(path: String, value: String)], to value: Value) -> Value {
        var result = value
        for (name, text) in fields {
            guard let path = DataPath(name) else { continue }
            let old = get(result, path)
            if case .array? = old { continue }
            if case .object(let o)? = old, !(o.count == 1 && o["md"] != nil) { continue }
            if old == nil, text.isEmpty { continue }
            result = set(result, path, coerce(text, like: old))
        }
        return result
    }

    /// A list action of a form button: `add:PATH` (a new item like the last one, its texts
    /// empty; in an empty list `newItem(PATH)`, else an empty text), `remove:PATH[i]`,
    /// `up:PATH[i]`. `add:` alone adds to a top-level list.
    static func act(_ action: String, on value: Value, newItem: (DataPath) -> Value? = { _ in nil }) -> Value {
        guard let (verb, path) = button(action) else { return value }
        switch verb {
        case "add":
            guard case .array(var list)? = get(value, path) else {
                return get(value, path) == nil ? set(value, path, .array([newItem(path) ?? .string("")])) : value
            }
            list.append(list.last.map(blank) ?? newItem(path) ?? .string(""))
            return set(value, path, .array(list))
        case "remove", "up":
            guard case .index(let i)? = path.steps.last else { return value }
            let parent = DataPath(Array(path.steps.dropLast()))
            guard case .array(var list)? = get(value, parent), list.indices.contains(i) else { return value }
            if verb == "remove" { list.remove(at: i) } else if i > 0 { list.swapAt(i, i - 1) }
            return set(value, parent, .array(list))
        default:
            return value
        }
    }

    /// A list button's verb and path (`add:PATH`; `add:` is the top level); nil for others.
    static func button(_ action: String) -> (verb: String, path: DataPath)? {
        let parts = action.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 2, let path = parts[1].isEmpty ? DataPath.root : DataPath(parts[1]) else { return nil }
        return (parts[0], path)
    }

    /// The list an `add:` button adds to when it has no item to copy (absent or empty): its
    /// new item then comes from the schema.
    static func emptyListAdded(by action: String, in value: Value) -> DataPath? {
        guard let (verb, path) = button(action), verb == "add" else { return nil }
        switch get(value, path) {
        case nil: return path
        case .array(let list)? where list.isEmpty: return path
        default: return nil
        }
    }

    /// A new item shaped like `model`: the same keys and list lengths, texts and numbers empty.
    static func blank(_ model: Value) -> Value {
        switch model {
        case .object(let o): return .object(o.mapValues(blank))
        case .array(let a): return .array(a.map(blank))
        case .bool: return .bool(false)
        default: return .string("")
        }
    }
}
