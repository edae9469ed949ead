/// The open and close markers of tags. `{{ }}` unless a template or the caller says otherwise.
public struct Delimiters: Sendable, Hashable {
    /// The opening marker's UTF-8 bytes, compared byte by byte while lexing.
    public var open: [UInt8]
    /// The closing marker's UTF-8 bytes.
    public var close: [UInt8]

    /// Makes delimiters from two markers; they must be non-empty and must differ for a template to lex.
    public init(open: String, close: String) {
        self.open = Array(open.utf8); self.close = Array(close.utf8)
    }
    /// The usual `{{ }}` markers.
    public static let mustache = Delimiters(open: "{{", close: "}}")

    /// Parses `"{ }"` or `"<% %>"`: two non-empty markers separated by whitespace, without `=`.
    public init?(pair: String) {
        let parts = pair.split(whereSeparator: \.isWhitespace)
        guard parts.count == 2, !parts.contains(where: { $0.contains("=") }) else { return nil }
        self.init(open: String(parts[0]), close: String(parts[1]))
    }
}

/// What a tag does, decided by the sigil after its opening delimiter.
public enum TagKind: Sendable, Hashable {
    /// A value, HTML-escaped in text templates: `{{name}}`.
    case variable
    /// A value written as is: `{{{name}}}` or `{{&name}}`.
    case unescapedVariable
    /// The opening of a section: `{{#name}}`, or `{{-w:p name}}` (see ``TemplateTag/repeatedElement``).
    case sectionOpen
    /// The opening of an inverted section, rendered when the value is empty: `{{^name}}`.
    case invertedOpen
    /// The close of a section: `{{/name}}`.
    case close
    /// A comment, which renders nothing: `{{! … }}`.
    case comment
    /// A partial, another template included by name: `{{> name}}`.
    case partial
    /// A change of delimiters for the rest of the template: `{{=<% %>=}}`.
    case setDelimiters
}

/// `{{ value | name:arg1,arg2 }}`
public struct FilterCall: Sendable, Hashable {
    /// The filter's name, looked up in the template's ``FilterSet`` at compile time.
    public var name: String
    /// The arguments after `:`, as written, separated by commas.
    public var arguments: [String]
}

/// One tag as written, with its place in the lexed text.
public struct TemplateTag: Sendable, Hashable {
    /// What the tag does.
    public var kind: TagKind
    /// The dotted name (`customer.name`, `.`, `@index`); empty for comments and delimiters.
    public var name: String
    /// The filters applied in order to the value, left to right.
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
    /// A cell span tag (`{{~colspan n}}`, `{{~rowspan n}}`, `{{~merge v}}`, `{{~width w}}`): a
    /// value that shapes its table cell instead of printing. Nil for every other tag.
    public var cellSpan: CellSpanKind?
    /// Name components, split once here rather than on every lookup; empty for `.`.
    let path: [String]

    /// Makes a tag; the lexer does this, and a program only when it builds a tag for a test or a tool.
    public init(kind: TagKind, name: String, filters: [FilterCall], source: String, range: Range<Int>,
                newDelimiters: Delimiters? = nil, repeatedElement: String? = nil, cellSpan: CellSpanKind? = nil) {
        self.kind = kind; self.name = name; self.filters = filters; self.source = source
        self.range = range; self.newDelimiters = newDelimiters; self.repeatedElement = repeatedElement
        self.cellSpan = cellSpan
        // Split on the UTF-8 bytes: `.` is ASCII, and a character-wise split costs a grapheme
        // break search per character (a template compiles hundreds of tags).
        self.path = name == "." ? [] : name.utf8.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
            .map { String(Substring($0)) }
    }

    var isSectionBoundary: Bool { kind == .sectionOpen || kind == .invertedOpen || kind == .close }
    var isValue: Bool { kind == .variable || kind == .unescapedVariable }
}

/// What a cell span tag (`{{~colspan n}}` …) sets on the table cell it stands in. The value
/// is read from data; the table is laid out again after it renders (see `TableShaper`).
public enum CellSpanKind: String, Sendable, Hashable, CaseIterable {
    /// The number of grid columns the cell covers (`w:gridSpan`, `table:number-columns-spanned`).
    case colspan
    /// The number of rows the cell covers, the rows below getting merged cells (`w:vMerge`,
    /// `table:number-rows-spanned`).
    case rowspan
    /// Merged with the cell above when both have this same non-empty value (a group column).
    case merge
    /// The relative width of the cell's grid column; the table's columns are scaled to the
    /// template table's width.
    case width
}
