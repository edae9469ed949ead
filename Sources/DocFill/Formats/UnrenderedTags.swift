/// Tags in parts a render leaves as they are (charts, settings, embedded objects…) would
/// reach the output as literal text without a word: each is reported as `tag_not_rendered`
/// at its place. Only element text is read; a part that does not parse is not text.
enum UnrenderedTags {
    static func check(_ bytes: [UInt8], file: String, part: String, delimiters: Delimiters) -> [Diagnostic] {
        guard Lexer.find(delimiters.open, in: bytes, from: 0) != nil,
              let document = try? XMLParser.parse(bytes, file: file, part: part) else { return [] }
        var diagnostics: [Diagnostic] = []
        var lexer = Lexer(delimiters: delimiters)
        func visit(_ e: XMLElement) {
            for case let text as XMLText in e.children where Lexer.find(lexer.delimiters.open, in: text.bytes, from: 0) != nil {
                var problems: [Lexer.Problem] = []
                for case .tag(let tag) in lexer.lex(text.bytes, problems: &problems) where tag.kind != .setDelimiters {
                    let (line, column) = place(of: tag.range.lowerBound, in: text)
                    diagnostics.append(Diagnostic("tag_not_rendered",
                        "'\(tag.source)' is in a part DocFill does not fill in; tags work in the document text, headers, footers, notes, comments, document properties and SmartArt text",
                        at: SourceLocation(file: file, part: part, line: line, column: column)))
                }
            }
        }
        visit(document.root)
        document.root.forEachDescendant(visit)
        return diagnostics
    }

    /// Line and column of a byte offset in a text node.
    private static func place(of offset: Int, in text: XMLText) -> (Int, Int) {
        var line = text.line, column = text.column
        for b in text.bytes.prefix(offset) {
            if b == 0x0A { line += 1; column = 1 } else if b & 0xC0 != 0x80 { column += 1 }
        }
        return (line, column)
    }
}
