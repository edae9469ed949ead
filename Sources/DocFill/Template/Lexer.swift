/// Finds tags in text. It works on UTF-8 bytes so that the same code serves plain-text
/// templates and the concatenated text of a document paragraph; delimiters changed by a
/// set-delimiter tag stay changed for the text lexed after it.
struct Lexer {
    enum Token: Equatable {
        case text(Range<Int>)
        case tag(TemplateTag)
    }

    /// A lexing problem, placed by byte offset in the lexed text.
    struct Problem: Equatable {
        var code: String
        var message: String
        var offset: Int
    }

    var delimiters: Delimiters

    init(delimiters: Delimiters = .mustache) { self.delimiters = delimiters }

    /// Splits `text` into text and tags. A tag must close within `text`. `lineBreaks`: byte
    /// offsets where the document has a line break that is markup, not text (`w:br`), shown
    /// in messages as `\n`.
    mutating func lex(_ text: [UInt8], problems: inout [Problem], lineBreaks: [Int] = []) -> [Token] {
        var tokens: [Token] = []
        var position = 0
        var textStart = 0
        // Where a search for a close marker found none: no later search can find one either,
        // so thousands of unclosed tags cost one scan, not one scan each. [plain, triple]
        var noCloseFrom: [Int?] = [nil, nil]
        while let open = Self.find(delimiters.open, in: text, from: position) {
            let contentStart = open + delimiters.open.count
            // Triple mustache: `{{{name}}}` closes with `}` + the close delimiter.
            let isTriple = contentStart < text.count && text[contentStart] == UInt8(ascii: "{")
            let closeMarker = isTriple ? [UInt8(ascii: "}")] + delimiters.close : delimiters.close
            let memo = isTriple ? 1 : 0
            let close = noCloseFrom[memo].map { $0 <= contentStart } == true
                ? nil : Self.find(closeMarker, in: text, from: contentStart)
            guard let close else {
                noCloseFrom[memo] = min(noCloseFrom[memo] ?? contentStart, contentStart)
                if !isTriple { noCloseFrom[1] = min(noCloseFrom[1] ?? contentStart, contentStart) }
                var end = min(text.count, open + 40)
                while end < text.count, text[end] & 0xC0 == 0x80 { end += 1 }    // whole characters
                let source = Self.snippet(text, open, end, lineBreaks: lineBreaks)
                problems.append(Problem(code: "unclosed_tag",
                                        message: "'\(source)' is not closed with '\(String(decoding: delimiters.close, as: UTF8.self))' in the same paragraph; a tag must close in its paragraph or in one of the \(TagPlacement.joinedParagraphsLimit - 1) paragraphs after it",
                                        offset: open))
                position = contentStart
                continue
            }
            if Self.find(delimiters.open, in: text, from: contentStart, before: close) != nil {
                let end = close + closeMarker.count
                problems.append(Problem(code: "tag_in_tag",
                                        message: "'\(Excerpt.of(Self.snippet(text, open, end, lineBreaks: lineBreaks)))' has a tag inside a tag; close the first tag before opening another",
                                        offset: open))
                // Skip to after the outer tag's close so the inner tag is not reported twice.
                var after = end
                if let outerClose = Self.find(delimiters.close, in: text, from: end) { after = outerClose + delimiters.close.count }
                position = after
                textStart = after
                continue
            }
            if open > textStart { tokens.append(.text(textStart..<open)) }
            let end = close + closeMarker.count
            let inner = Array(text[(contentStart + (isTriple ? 1 : 0))..<close])
            let source = String(decoding: text[open..<end], as: UTF8.self)
            switch TagSyntax.parse(inner, triple: isTriple, source: source, range: open..<end) {
            case .success(let tag):
                if let newDelimiters = tag.newDelimiters { delimiters = newDelimiters; noCloseFrom = [nil, nil] }
                tokens.append(.tag(tag))
            case .failure(let problem):
                problems.append(Problem(code: problem.code, message: problem.message, offset: open))
            }
            position = end
            textStart = end
        }
        if textStart < text.count { tokens.append(.text(textStart..<text.count)) }
        return tokens
    }

    /// The first `needle` starting at or after `start` (and before `end`, when given).
    static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int, before end: Int? = nil) -> Int? {
        ByteSearch.firstIndex(of: needle, in: haystack, from: start, before: end.map { $0 + needle.count - 1 })
    }

    /// Source text for a message. A diagnostic is one line, so line breaks and tabs are shown
    /// as `\n`, `\r` and `\t` rather than dropped or cut at.
    static func snippet(_ text: [UInt8], _ from: Int, _ to: Int, lineBreaks: [Int] = []) -> String {
        let slice = text[from..<to]
        // `lineBreaks` is sorted: only the window inside the snippet is visited (a paragraph
        // with thousands of breaks and problems would otherwise cost their product).
        var low = 0, high = lineBreaks.count
        while low < high { let mid = (low + high) / 2; if lineBreaks[mid] <= from { low = mid + 1 } else { high = mid } }
        var window = low
        while window < lineBreaks.count, lineBreaks[window] < to { window += 1 }
        let breaks = Set(lineBreaks[low..<window])
        guard !breaks.isEmpty || slice.contains(where: { $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) else {
            return String(decoding: slice, as: UTF8.self)
        }
        var bytes: [UInt8] = []
        for (offset, b) in zip(slice.indices, slice) {
            if breaks.contains(offset) { bytes += Array("\\n".utf8) }
            switch b {
            case 0x0A: bytes += Array("\\n".utf8)
            case 0x0D: bytes += Array("\\r".utf8)
            case 0x09: bytes += Array("\\t".utf8)
            default: bytes.append(b)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
