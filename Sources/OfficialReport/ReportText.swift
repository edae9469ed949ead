import DocFill

/// A text of the report that may carry emphasis in the rich-text markup (`*…*`, as the seed
/// writes it; README, "Rich text from data"). Templates get it as a rich value when it has
/// marks or links, so the italics print; otherwise as the string it is, so that text without
/// markup renders exactly as before (a line starting `- ` is not turned into a bullet).
public struct ReportText: Encodable, Sendable, Equatable, ExpressibleByStringLiteral, CustomStringConvertible {
    /// The text as written, markup included.
    public let markup: String
    /// The text has marks or links: it is given to templates as rich text.
    public let isRich: Bool
    /// The text without markup.
    public let plain: String

    /// A text as written in the data. Parsed once: whether it is rich and its plain text
    /// come from the same parse.
    public init(_ markup: String) {
        self.markup = markup
        let rich = RichText.marked(markup)
        isRich = rich != nil
        plain = rich?.plainText ?? markup
    }

    /// A literal text.
    public init(stringLiteral value: String) { self.init(value) }

    /// The plain text (what interpolation of a report text prints).
    public var description: String { plain }

    /// `prefix` (literal text: a number, a bullet marker) followed by this text.
    func prefixed(_ prefix: String) -> ReportText {
        guard isRich else { return ReportText(prefix + markup) }
        // `- ` would start a bullet: escaped, it stays text.
        let text = (prefix.hasPrefix("- ") ? "\\" : "") + prefix + markup
        // Text after a space is where it was at the start of a line for its marks: the marks
        // stay, and the (costly) parse that found them is not run again for every item.
        return prefix.hasSuffix(" ") ? ReportText(markup: text, isRich: true, plain: prefix + plain) : ReportText(text)
    }

    private init(markup: String, isRich: Bool, plain: String) {
        self.markup = markup
        self.isRich = isRich
        self.plain = plain
    }

    /// The template value: `{md: …}` when rich, else the string (NFC, as `ValueEncoder` makes it).
    var value: Value { isRich ? .object([Value.richKey: .text(markup)]) : .text(markup) }

    /// `{md: markup}` when rich, else the string: what `value` is.
    public func encode(to encoder: any Encoder) throws {
        if isRich { try [Value.richKey: markup].encode(to: encoder) } else { try markup.encode(to: encoder) }
    }
}
