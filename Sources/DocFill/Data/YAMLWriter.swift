import Foundation

/// Writes a `Value` as block-style YAML that `DataLoader` reads back to the same value:
/// strings always double-quoted (so `05`, `2024` or `yes` stay text), keys plain when they
/// are identifiers and quoted otherwise (`"[2]"`), list-index keys in numeric order, other
/// keys in the order given then alphabetically, and an optional end-of-line comment per
/// data path.
public struct YAMLWriter: Sendable {
    /// Keys written first, in this order, at every level; the rest follow.
    public var keyOrder: [String] = []
    /// Data path (`appendices[1].rows`) → comment written after the value's line.
    public var comments: [String: String] = [:]

    /// Makes a writer with a key order and comments by data path; both may be empty.
    public init(keyOrder: [String] = [], comments: [String: String] = [:]) {
        self.keyOrder = keyOrder; self.comments = comments
    }

    /// The YAML text of `value`, ending with a line break.
    public func write(_ value: Value) -> String {
        var out = ""
        switch value {
        case .object(let o) where !o.isEmpty: block(o, indent: 0, path: "", into: &out)
        case .array(let a) where !a.isEmpty: block(a, indent: 0, path: "", into: &out)
        default: out = Self.scalar(value) + "\n"
        }
        return out
    }

    private func comment(_ path: String) -> String {
        comments[path].map { "  # " + $0.replacingOccurrences(of: "\n", with: " ") } ?? ""
    }

    private func ordered(_ keys: Dictionary<String, Value>.Keys) -> [String] {
        func index(_ k: String) -> Int? {
            k.hasPrefix("[") && k.hasSuffix("]") ? Int(k.dropFirst().dropLast()) : nil
        }
        return keys.sorted { a, b in
            let ra = keyOrder.firstIndex(of: a) ?? Int.max, rb = keyOrder.firstIndex(of: b) ?? Int.max
            if ra != rb { return ra < rb }
            if let ia = index(a), let ib = index(b) { return ia < ib }
            return a < b
        }
    }

    private func block(_ object: [String: Value], indent: Int, path: String, into out: inout String) {
        let pad = String(repeating: " ", count: indent)
        for key in ordered(object.keys) {
            // A list-index key ("[2]", an `extends` patch) addresses item 2: `rows[2]`.
            let isIndex = key.hasPrefix("[") && key.hasSuffix("]") && Int(key.dropFirst().dropLast()) != nil
            let value = object[key]!, childPath = isIndex ? path + key : DataPath.key(path, key)
            out += pad + Self.key(key) + ":"
            nested(value, indent: indent, path: childPath, into: &out)
        }
    }

    private func block(_ list: [Value], indent: Int, path: String, into out: inout String) {
        let pad = String(repeating: " ", count: indent)
        for (i, value) in list.enumerated() {
            out += pad + "-"
            nested(value, indent: indent, path: DataPath.index(path, i), into: &out)
        }
    }

    /// After `key:` or `-`: a scalar on the same line, a collection on the next ones.
    private func nested(_ value: Value, indent: Int, path: String, into out: inout String) {
        switch value {
        case .object(let o) where !o.isEmpty:
            out += comment(path) + "\n"
            block(o, indent: indent + 2, path: path, into: &out)
        case .array(let a) where !a.isEmpty:
            out += comment(path) + "\n"
            block(a, indent: indent + 2, path: path, into: &out)
        default:
            out += " " + Self.scalar(value) + comment(path) + "\n"
        }
    }

    static func key(_ key: String) -> String {
        let plain = key.first.map { $0.isASCII && ($0.isLetter || $0 == "_") } ?? false
            && key.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }
            && !["true", "false", "null", "yes", "no", "on", "off", "y", "n"].contains(key.lowercased())
        return plain ? key : quoted(key)
    }

    static func scalar(_ value: Value) -> String {
        switch value {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .double(let d): return d.isFinite ? String(d) : "null"
        case .string(let s): return quoted(s)
        case .array: return "[]"
        case .object: return "{}"
        }
    }

    /// A YAML double-quoted scalar (the JSON escapes are valid YAML).
    static func quoted(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += String(format: "\\u%04X", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
