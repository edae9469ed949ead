import Yams

/// The YAML 1.2 core schema rather than Yams' 1.1 default: `yes`, `no`, `on`, `off` stay
/// text (so a country code `NO` is not `false`), and so do dates and `1_000`.
///
/// Matched by hand instead of with Yams' `Resolver` rules: those are regular expressions,
/// and the first one compiled pays for ICU's start-up (about a millisecond), then every
/// plain scalar of the file runs through up to five of them. The rules, in order (the first
/// that matches the whole text wins; `[0-9]` is ASCII):
///
/// - null: `~`, `null`, `Null`, `NULL`, or nothing
/// - bool: `true`, `True`, `TRUE`, `false`, `False`, `FALSE`
/// - int: `[-+]?[0-9]+`, `0o[0-7]+`, `0x[0-9a-fA-F]+`
/// - float: `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`, `[-+]?\.(inf|Inf|INF)`,
///   `\.(nan|NaN|NAN)`
/// - merge: `<<`
enum YAMLCoreSchema {
    /// The tag of a node as the core schema resolves it: plain scalars by their text,
    /// explicitly tagged nodes by their tag, quoted scalars as text. Yams' `Node.tag` is not
    /// used: it resolves with the resolver the node was composed with.
    static func tag(of node: Node) -> Yams.Tag.Name {
        switch node {
        case .scalar(let scalar): return tag(of: scalar)
        case .mapping(let mapping): return explicit(mapping.tag) ?? .map
        case .sequence(let sequence): return explicit(sequence.tag) ?? .seq
        }
    }

    static func tag(of scalar: Node.Scalar) -> Yams.Tag.Name {
        // An untagged plain scalar has the implicit (empty) tag name; a quoted one comes
        // tagged `str` from the parser.
        explicit(scalar.tag) ?? tag(ofPlain: scalar.string)
    }

    /// A tag name written in the document (or given by quoting), nil for an implicit one.
    private static func explicit(_ tag: Yams.Tag) -> Yams.Tag.Name? {
        let name = tag.description
        return name.isEmpty ? nil : Yams.Tag.Name(rawValue: name)
    }

    static func tag(ofPlain text: String) -> Yams.Tag.Name {
        var text = text
        return text.withUTF8 { b in
            if isNull(b) { return .null }
            if isBool(b) { return .bool }
            if isInt(b) { return .int }
            if isFloat(b) { return .float }
            if b.count == 2, b[0] == UInt8(ascii: "<"), b[1] == UInt8(ascii: "<") { return .merge }
            return .str
        }
    }

    private static func isNull(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        b.isEmpty || equals(b, "~") || equals(b, "null") || equals(b, "Null") || equals(b, "NULL")
    }

    private static func isBool(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        ["true", "True", "TRUE", "false", "False", "FALSE"].contains { equals(b, $0) }
    }

    private static func isInt(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        if b.count > 2, b[0] == UInt8(ascii: "0"), b[1] == UInt8(ascii: "o") {
            return b.dropFirst(2).allSatisfy { (0x30...0x37).contains($0) }
        }
        if b.count > 2, b[0] == UInt8(ascii: "0"), b[1] == UInt8(ascii: "x") {
            return b.dropFirst(2).allSatisfy(isHexDigit)
        }
        let digits = b.dropFirst(isSign(b.first) ? 1 : 0)
        return !digits.isEmpty && digits.allSatisfy(isDigit)
    }

    private static func isFloat(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = isSign(b.first) ? 1 : 0
        let signed = i == 1
        if b.count - i == 4, b[i] == UInt8(ascii: "."), ["inf", "Inf", "INF"].contains(where: { equals(b, $0, from: i + 1) }) {
            return true
        }
        if !signed, b.count == 4, b[0] == UInt8(ascii: "."), ["nan", "NaN", "NAN"].contains(where: { equals(b, $0, from: 1) }) {
            return true
        }
        func digits() -> Int {
            let start = i
            while i < b.count, isDigit(b[i]) { i += 1 }
            return i - start
        }
        let whole = digits()
        if i < b.count, b[i] == UInt8(ascii: ".") {
            i += 1
            if digits() == 0, whole == 0 { return false }    // `.` alone, or `.e5`
        } else if whole == 0 {
            return false
        }
        if i < b.count, b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") {
            i += 1
            if isSign(i < b.count ? b[i] : nil) { i += 1 }
            guard digits() > 0 else { return false }
        }
        return i == b.count
    }

    private static func equals(_ b: UnsafeBufferPointer<UInt8>, _ word: StaticString, from start: Int = 0) -> Bool {
        b.count - start == word.utf8CodeUnitCount
            && (0..<word.utf8CodeUnitCount).allSatisfy { b[start + $0] == word.utf8Start[$0] }
    }

    private static func isSign(_ c: UInt8?) -> Bool { c == UInt8(ascii: "-") || c == UInt8(ascii: "+") }
    private static func isDigit(_ c: UInt8) -> Bool { (0x30...0x39).contains(c) }
    private static func isHexDigit(_ c: UInt8) -> Bool {
        isDigit(c) || (0x41...0x46).contains(c) || (0x61...0x66).contains(c)
    }
}
