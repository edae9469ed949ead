/// The engine's data model: what templates read. JSON, YAML and any `Encodable` value
/// are converted into this tree before rendering.
public enum Value: Sendable, Hashable {
    /// No value (`null`, `~`, a Swift `nil`): prints as nothing and is falsy.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// A whole number that fits 64 bits; printed with all its digits.
    case int(Int)
    /// A number with a fraction or an exponent; an integral one below 10^21 prints without an exponent.
    case double(Double)
    /// Text, in Unicode NFC.
    case string(String)
    /// A list: a section over it repeats once per item.
    case array([Value])
    /// An object: its keys are the names tags look up; a section over it pushes it as context.
    case object([String: Value])

    /// Truthiness, the one rule for sections, inverted sections and `docfill check`: false,
    /// null, an empty list, an empty string and zero (`0`, `0.0`) are falsy; everything else,
    /// an empty object included, is truthy, except a rich value whose text is empty (as an
    /// empty string). This is JavaScript's rule as docxtemplater and JavaScript Mustache
    /// apply it (Jinja and Handlebars agree on `""`; Handlebars also on zero unless
    /// `includeZero`), so `{{#note}}Ghi chú: {{note}}{{/note}}` prints nothing
    /// for an empty note and `{{^count}}không có{{/count}}` shows for 0. The Mustache spec
    /// leaves both to the host language.
    public var isTruthy: Bool {
        switch self {
        case .null: return false
        case .bool(let b): return b
        case .array(let a): return !a.isEmpty
        case .string(let s): return !s.isEmpty
        case .int(let i): return i != 0
        case .double(let d): return d != 0 && !d.isNaN
        case .object: return !isEmptyRichText
        }
    }

    /// A rich value whose text without markup is empty (`{md: ""}`, `{md: "\n\n"}`): falsy
    /// and empty for `default`, as an empty string is.
    public var isEmptyRichText: Bool { richSource != nil && scalarText == "" }

    /// The text a scalar interpolates as, a rich value's without its markup; nil for
    /// arrays and other objects.
    public var scalarText: String? {
        switch self {
        case .null: return ""
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .double(let d): return Self.text(of: d)
        case .string(let s): return s
        case .object: return richSource.map { RichText.parse($0).plainText }
        case .array: return nil
        }
    }

    /// The markup of a rich value: an object whose only member is `md`, a string (the form
    /// data writes, `{md: "…"}`, and the `md` filter makes). A plain object in every other
    /// respect, so data round-trips unchanged, but it interpolates as text (`scalarText`):
    /// filters, `diff` and places that cannot hold runs see the text without markup.
    public var richSource: String? {
        guard case .object(let o) = self, o.count == 1, case .string(let s)? = o[Self.richKey] else { return nil }
        return s
    }

    /// A rich value with this markup (see `richSource`).
    public static func rich(_ markup: String) -> Value { .object([richKey: .string(markup)]) }

    /// The one key of a rich value's object form.
    public static let richKey = "md"

    /// A short name of the kind of value, for messages.
    public var kindName: String {
        switch self {
        case .null: return "null"
        case .bool: return "boolean"
        case .int, .double: return "number"
        case .string: return "string"
        case .array: return "list"
        case .object: return richSource == nil ? "object" : "rich text"
        }
    }

    /// A string value in Unicode NFC, as the loaders and `ValueEncoder` make them.
    public static func text(_ s: String) -> Value { .string(DataLoader.nfc(s)) }

    /// The value under `key` when this is an object holding it; nil for a missing key or a value that is not an object.
    public subscript(key: String) -> Value? {
        if case .object(let o) = self { return o[key] }
        return nil
    }

    /// The value as a number when it is an integer or a double; nil for every other kind, text included.
    public var doubleValue: Double? {
        switch self {
        case .int(let i): return Double(i)
        case .double(let d): return d
        case .string(let s): return Double(s)
        default: return nil
        }
    }

    /// A double as text: an integral value below 2^63 exactly, as an integer (`1e18` →
    /// `1000000000000000000`); a larger integral value below 10^21 without an exponent, from
    /// its shortest round-trip digits (`12345678901234567000`, as JavaScript prints it);
    /// anything else as Swift's shortest round-trip form.
    static func text(of d: Double) -> String {
        guard d.isFinite, d == d.rounded() else { return String(d) }
        if abs(d) < 0x1p63 { return String(Int64(d)) }
        let shortest = String(d)    // "1.2345678901234567e+19"
        guard abs(d) < 1e21, let e = shortest.firstIndex(of: "e"), let exponent = Int(shortest[shortest.index(after: e)...]) else {
            return shortest
        }
        let unsigned = shortest[..<e].drop { $0 == "-" }
        let digits = unsigned.filter(\.isNumber)
        let point = unsigned.firstIndex(of: ".").map { unsigned.distance(from: unsigned.startIndex, to: $0) } ?? digits.count
        let zeros = point + exponent - digits.count
        guard zeros >= 0 else { return shortest }
        return (d < 0 ? "-" : "") + digits + String(repeating: "0", count: zeros)
    }
}
