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
    public static func hasMarks(_ text: String) -> Bool { marked(text) != nil }

    /// `text` parsed, where it has a mark or a link; nil otherwise (at once for text without
    /// a character that could start one): one parse gives both the answer and the result.
    public static func marked(_ text: String) -> RichText? {
        let starts: [UInt8] = [UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "^"), UInt8(ascii: "[")]
        guard text.utf8.contains(where: starts.contains) else { return nil }
        let rich = parse(text)
        return rich.blocks.contains { $0.runs.contains { !$0.marks.isEmpty || $0.link != nil } } ? rich : nil
    }

    /// Parses a rich value. Never fails: what is not markup is text.
    public static func parse(_ source: String) -> RichText {
        var blocks: [RichBlock] = []
        var problems: [RichTextProblem] = []
        // The UTF-8 bytes, `\r\n` taken as a line end (`\n`); a lone `\r` ends a line too.
        var bytes = Array(source.utf8)
        if bytes.contains(13) {
            var joined: [UInt8] = []
            joined.reserveCapacity(bytes.count)
            for (k, b) in bytes.enumerated() where !(b == 13 && k + 1 < bytes.count && bytes[k + 1] == 10) { joined.append(b) }
            bytes = joined
        }
        // Lines, with where each starts.
        var lines: [(start: Int, end: Int)] = []
        var start = 0
        for (i, b) in bytes.enumerated() where b == 10 || b == 13 { lines.append((start, i)); start = i + 1 }
        lines.append((start, bytes.count))
        var paragraph: [(start: Int, end: Int)] = []
        func flush() {
            guard let first = paragraph.first, let last = paragraph.last else { return }
            var parser = InlineParser(bytes, from: first.start, to: last.end)
            blocks.append(RichBlock(kind: .paragraph, runs: parser.parse()))
            problems += parser.problems
            paragraph = []
        }
        for line in lines {
            if isBlank(bytes, line.start, line.end) { flush(); continue }
            var indent = line.start
            while indent < line.end, bytes[indent] == 0x20 { indent += 1 }
            if indent + 1 < line.end, bytes[indent] == UInt8(ascii: "-"), bytes[indent + 1] == 0x20 {
                flush()
                var parser = InlineParser(bytes, from: indent + 2, to: line.end)
                blocks.append(RichBlock(kind: .bullet, runs: parser.parse()))
                problems += parser.problems
            } else {
                paragraph.append(line)
            }
        }
        flush()
        var seen = Set<Int>()
        problems = problems.filter { seen.insert($0.offset).inserted }.sorted { $0.offset < $1.offset }
        return RichText(blocks: blocks, problems: characterOffsets(problems, in: bytes))
    }

    /// Whether the bytes `a..<b` are all white space.
    private static func isBlank(_ bytes: [UInt8], _ a: Int, _ b: Int) -> Bool {
        var k = a
        while k < b {
            let c = bytes[k]
            if c < 0x80 { guard c == 0x20 || (c >= 0x09 && c <= 0x0D) else { return false } }
            else if c & 0xC0 != 0x80, !InlineParser.scalar(in: bytes, at: k).properties.isWhitespace { return false }
            k += 1
        }
        return true
    }

    /// Problems placed in bytes, placed in characters (as `Character`s count), in one pass.
    private static func characterOffsets(_ problems: [RichTextProblem], in bytes: [UInt8]) -> [RichTextProblem] {
        guard !problems.isEmpty else { return problems }
        var result = problems, next = 0, byte = 0, n = 0
        for character in String(decoding: bytes, as: UTF8.self) {
            while next < result.count, result[next].offset <= byte { result[next].offset = n; next += 1 }
            byte += character.utf8.count; n += 1
        }
        while next < result.count { result[next].offset = n; next += 1 }
        return result
    }
}
