/// The engine's data model: what templates read. JSON, YAML and any `Encodable` value
/// are converted into this tree before rendering.
public enum Value: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([Value])
    case object([String: Value])

    /// Mustache truthiness: false, null, empty list are falsy; everything else is truthy.
    /// (Empty strings and zero are truthy in Mustache; the spec leaves them to the host
    /// language, and templates are easier to reason about when only `false`/null/[] hide.)
    public var isTruthy: Bool {
        switch self {
        case .null: return false
        case .bool(let b): return b
        case .array(let a): return !a.isEmpty
        default: return true
        }
    }

    /// The text a scalar interpolates as; nil for arrays and objects.
    public var scalarText: String? {
        switch self {
        case .null: return ""
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .double(let d):
            if d.isFinite, d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
            return String(d)
        case .string(let s): return s
        case .array, .object: return nil
        }
    }

    /// A short name of the kind of value, for messages.
    public var kindName: String {
        switch self {
        case .null: return "null"
        case .bool: return "boolean"
        case .int, .double: return "number"
        case .string: return "string"
        case .array: return "list"
        case .object: return "object"
        }
    }

    /// A string value in Unicode NFC, as the loaders and `ValueEncoder` make them.
    public static func text(_ s: String) -> Value { .string(DataLoader.nfc(s)) }

    public subscript(key: String) -> Value? {
        if case .object(let o) = self { return o[key] }
        return nil
    }

    public var doubleValue: Double? {
        switch self {
        case .int(let i): return Double(i)
        case .double(let d): return d
        case .string(let s): return Double(s)
        default: return nil
        }
    }
}
