/// The marks a run of rich text carries.
public struct RichMarks: OptionSet, Hashable, Sendable {
    /// The marks as bits.
    public let rawValue: UInt8
    /// A set of marks from its bits.
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    /// `*italic*`
    public static let italic = RichMarks(rawValue: 1)
    /// `**bold**`
    public static let bold = RichMarks(rawValue: 2)
    /// `__underline__`
    public static let underline = RichMarks(rawValue: 4)
    /// `~~strike~~`
    public static let strike = RichMarks(rawValue: 8)
    /// `^superscript^`
    public static let superscript = RichMarks(rawValue: 16)
    /// `~subscript~`
    public static let `subscript` = RichMarks(rawValue: 32)
    /// Every mark, in the order the style names spell them.
    static let all: [(mark: RichMarks, letter: Character)] = [
        (.italic, "i"), (.bold, "b"), (.underline, "u"), (.strike, "s"), (.superscript, "p"), (.subscript, "d"),
    ]
}

/// Text with one set of marks, and the link it belongs to (http, https or mailto only).
/// Line breaks are `\n` in `text`.
public struct RichRun: Hashable, Sendable {
    /// The characters, `\n` for a line break.
    public var text: String
    /// The marks in force.
    public var marks: RichMarks
    /// The link target, if the run is the text of a link.
    public var link: String?
    /// A run of text.
    public init(_ text: String, marks: RichMarks = [], link: String? = nil) {
        self.text = text; self.marks = marks; self.link = link
    }
}

/// A paragraph of rich text: an ordinary one or a bullet line (`- `).
public struct RichBlock: Hashable, Sendable {
    /// A paragraph or a bullet.
    public enum Kind: Hashable, Sendable { case paragraph, bullet }
    /// The kind of block.
    public var kind: Kind
    /// The runs, in order; neighbours differ in marks or link.
    public var runs: [RichRun]
    /// The block's text without marks.
    public var plainText: String { runs.map(\.text).joined() }
}

/// Markup in a rich value that stays literal text: an opening marker without its closer.
public struct RichTextProblem: Hashable, Sendable {
    /// The place in the value, in characters from its start (0-based).
    public var offset: Int
    /// What is wrong, for the author.
    public var message: String
}

/// A rich value parsed: blocks of runs, and the markup problems met (each stays as text).
/// The subset is small on purpose (docs: README, "Rich text"): `*italic*`, `**bold**`,
/// `__underline__`, `~~strike~~`, `^sup^`, `~sub~`, `[text](url)`, `\` escapes, line
/// breaks; blank lines between paragraphs and `- ` bullet lines. HTML is not interpreted.
public struct RichText: Hashable, Sendable {
    /// The paragraphs and bullets, in order.
    public var blocks: [RichBlock]
    /// Markers left unclosed, by place.
    public var problems: [RichTextProblem]

    /// The text without markup: blocks joined by line breaks, bullets starting with `• `.
    /// What filters, `diff`, `next-year` and places without rich text see.
    public var plainText: String {
        blocks.map { ($0.kind == .bullet ? RichText.bulletPrefix : "") + $0.plainText }.joined(separator: "\n")
    }

    /// What a bullet line starts with where the template has no list style for it.
    public static let bulletPrefix = "• "

    /// Whether `text` has a mark or a link: false at once for text without a character that
    /// could start one (most text), else as parsed.
    public static func hasMarks(_ text: String) -> Bool {
        let starts: [UInt8] = [UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "^"), UInt8(ascii: "[")]
        guard text.utf8.contains(where: starts.contains) else { return false }
        return parse(text).blocks.contains { $0.runs.contains { !$0.marks.isEmpty || $0.link != nil } }
    }

    /// Parses a rich value. Never fails: what is not markup is text.
    public static func parse(_ source: String) -> RichText {
        var blocks: [RichBlock] = []
        var problems: [RichTextProblem] = []
        // `\r\n` is one Character: taken as a line end, offsets stay those of the source's characters.
        var characters = Array(source)
        var sourceText: (source: String, starts: [String.Index])?
        if source.utf8.contains(13) {
            characters = characters.map { $0 == "\r\n" ? "\n" : $0 }
        } else {
            sourceText = (source, Array(source.indices) + [source.endIndex])
        }
        // Lines, with where each starts (by ASCII value: a `Character` comparison is a string one).
        var lines: [(start: Int, end: Int)] = []
        var start = 0
        for (i, c) in characters.enumerated() where c.asciiValue == 10 || c.asciiValue == 13 { lines.append((start, i)); start = i + 1 }
        lines.append((start, characters.count))
        var paragraph: [(start: Int, end: Int)] = []
        func flush() {
            guard let first = paragraph.first, let last = paragraph.last else { return }
            var parser = InlineParser(characters, from: first.start, to: last.end, text: sourceText)
            blocks.append(RichBlock(kind: .paragraph, runs: parser.parse()))
            problems += parser.problems
            paragraph = []
        }
        for line in lines {
            let text = characters[line.start..<line.end]
            if text.allSatisfy(\.isWhitespace) { flush(); continue }
            let indent = text.prefix { $0 == " " }.count
            if text.dropFirst(indent).starts(with: ["-", " "]) {
                flush()
                var parser = InlineParser(characters, from: line.start + indent + 2, to: line.end, text: sourceText)
                blocks.append(RichBlock(kind: .bullet, runs: parser.parse()))
                problems += parser.problems
            } else {
                paragraph.append(line)
            }
        }
        flush()
        var seen = Set<Int>()
        problems = problems.filter { seen.insert($0.offset).inserted }.sorted { $0.offset < $1.offset }
        return RichText(blocks: blocks, problems: problems)
    }
}
