/// The Mustache spec's standalone rule for text templates: a line holding only whitespace
/// and one section, inverted, close, comment, partial or set-delimiter tag disappears
/// entirely (its indentation and line break too); a standalone partial keeps its
/// indentation, to be applied to every line of the partial.
enum StandaloneLines {
    enum Item {
        case text([UInt8])
        case tag(TemplateTag, indent: [UInt8])
    }

    static func strip(_ tokens: [Lexer.Token], in bytes: [UInt8]) -> [Item] {
        // Cut the token stream into lines at the line breaks in text (tags may span lines).
        var lines: [[Item]] = [[]]
        for token in tokens {
            switch token {
            case .tag(let tag):
                lines[lines.count - 1].append(.tag(tag, indent: []))
            case .text(let range):
                var start = range.lowerBound
                for i in range where bytes[i] == UInt8(ascii: "\n") {
                    lines[lines.count - 1].append(.text(Array(bytes[start...i])))
                    lines.append([])
                    start = i + 1
                }
                if start < range.upperBound { lines[lines.count - 1].append(.text(Array(bytes[start..<range.upperBound]))) }
            }
        }
        var result: [Item] = []
        for line in lines {
            if let standalone = standaloneTag(line) { result.append(standalone) } else { result += line }
        }
        return result
    }

    private static func standaloneTag(_ line: [Item]) -> Item? {
        var tag: TemplateTag?
        var indent: [UInt8] = []
        var seenTag = false
        for item in line {
            switch item {
            case .tag(let t, _):
                guard !seenTag else { return nil }
                switch t.kind {
                case .sectionOpen, .invertedOpen, .close, .comment, .partial, .setDelimiters: break
                default: return nil
                }
                seenTag = true; tag = t
            case .text(let bytes):
                var body = bytes[...]
                if body.last == UInt8(ascii: "\n") { body = body.dropLast() }
                if body.last == UInt8(ascii: "\r") { body = body.dropLast() }
                // A lone \r before the tag is not whitespace of the line: only spaces and tabs.
                guard body.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }) else { return nil }
                if !seenTag { indent += body }
            }
        }
        guard let tag else { return nil }
        return .tag(tag, indent: tag.kind == .partial ? indent : [])
    }
}
