/// The open and close markers of tags. `{{ }}` unless a template or the caller says otherwise.
public struct Delimiters: Sendable, Hashable {
    public var open: [UInt8]
    public var close: [UInt8]

    public init(open: String, close: String) {
        self.open = Array(open.utf8); self.close = Array(close.utf8)
    }
    public static let mustache = Delimiters(open: "{{", close: "}}")

    /// Parses `"{ }"` or `"<% %>"`: two non-empty markers separated by whitespace, without `=`.
    public init?(pair: String) {
        let parts = pair.split(whereSeparator: \.isWhitespace)
        guard parts.count == 2, !parts.contains(where: { $0.contains("=") }) else { return nil }
        self.init(open: String(parts[0]), close: String(parts[1]))
    }
}

public enum TagKind: Sendable, Hashable {
    case variable          // {{name}}
    case unescapedVariable // {{{name}}} or {{&name}}
    case sectionOpen       // {{#name}}, or {{-w:p name}} (see `Tag.repeatedElement`)
    case invertedOpen      // {{^name}}
    case close             // {{/name}}
    case comment           // {{! … }}
    case partial           // {{> name}}
    case setDelimiters     // {{=<% %>=}}
}

/// `{{ value | name:arg1,arg2 }}`
public struct FilterCall: Sendable, Hashable {
    public var name: String
    public var arguments: [String]
}

/// One tag as written, with its place in the lexed text.
public struct Tag: Sendable, Hashable {
    public var kind: TagKind
    /// The dotted name (`customer.name`, `.`, `@index`); empty for comments and delimiters.
    public var name: String
    public var filters: [FilterCall]
    /// The tag exactly as written, delimiters included (for messages).
    public var source: String
    /// Byte range in the lexed text.
    public var range: Range<Int>
    /// The new delimiters of a set-delimiter tag.
    public var newDelimiters: Delimiters?
    /// docxtemplater's explicit loop `{-w:p items}`: a section open that repeats the
    /// enclosing element of this name (`w:p`, `w:tr`, `w:tc`; ODF `text:p`,
    /// `table:table-row`, `table:table-cell`). Nil for every other tag.
    public var repeatedElement: String?
    /// Name components, split once here rather than on every lookup; empty for `.`.
    let path: [String]

    public init(kind: TagKind, name: String, filters: [FilterCall], source: String, range: Range<Int>,
                newDelimiters: Delimiters? = nil, repeatedElement: String? = nil) {
        self.kind = kind; self.name = name; self.filters = filters; self.source = source
        self.range = range; self.newDelimiters = newDelimiters; self.repeatedElement = repeatedElement
        // Split on the UTF-8 bytes: `.` is ASCII, and a character-wise split costs a grapheme
        // break search per character (a template compiles hundreds of tags).
        self.path = name == "." ? [] : name.utf8.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
            .map { String(Substring($0)) }
    }

    var isSectionBoundary: Bool { kind == .sectionOpen || kind == .invertedOpen || kind == .close }
    var isValue: Bool { kind == .variable || kind == .unescapedVariable }
}
