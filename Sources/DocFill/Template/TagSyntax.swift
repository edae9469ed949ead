/// Reads what is between a tag's delimiters: the sigil, the name and the filters.
enum TagSyntax {
    struct Problem: Error, Equatable { var code: String; var message: String }

    static func parse(_ inner: [UInt8], triple: Bool, source: String, range: Range<Int>) -> Result<TemplateTag, Problem> {
        var content = String(decoding: inner, as: UTF8.self)
        var kind = TagKind.variable
        var repeatedElement: String?
        if !triple, let (element, rest) = explicitLoop(content) {
            kind = .sectionOpen; repeatedElement = element; content = rest
        } else if !triple, let (span, rest) = cellSpan(content) {
            let name = rest.trimmingWhitespace()
            guard let span, !name.isEmpty, !name.contains(where: { $0 == " " || $0 == "\t" || $0 == "|" }) else {
                let kinds = CellSpanKind.allCases.map { "'~\($0.rawValue)'" }.joined(separator: ", ")
                return .failure(Problem(code: "invalid_cell_span",
                                        message: "'\(Excerpt.of(source))': a cell span tag is one of \(kinds) and one name, as in '{{~colspan year_count}}'"))
            }
            return .success(TemplateTag(kind: .variable, name: name, filters: [], source: source, range: range, cellSpan: span))
        } else if triple {
            kind = .unescapedVariable
        } else if let sigil = content.trimmingLeadingWhitespace().first {
            switch sigil {
            case "#": kind = .sectionOpen
            case "^": kind = .invertedOpen
            case "/": kind = .close
            case "!": kind = .comment
            case ">": kind = .partial
            case "&": kind = .unescapedVariable
            case "=": kind = .setDelimiters
            default: break
            }
            if kind != .variable { content = String(content.trimmingLeadingWhitespace().dropFirst()) }
        }
        switch kind {
        case .comment:
            return .success(TemplateTag(kind: .comment, name: "", filters: [], source: source, range: range))
        case .setDelimiters:
            let body = content.trimmingWhitespace()
            guard body.hasSuffix("="), let pair = Delimiters(pair: String(body.dropLast())) else {
                return .failure(Problem(code: "invalid_delimiters",
                                        message: "'\(Excerpt.of(source))' must give two delimiters without '=' and end with '=', as in '{{=<% %>=}}'"))
            }
            return .success(TemplateTag(kind: .setDelimiters, name: "", filters: [], source: source, range: range, newDelimiters: pair))
        default:
            break
        }
        let pieces = splitFilters(content)
        let name = pieces[0].trimmingWhitespace()
        if name.isEmpty && kind != .close {
            return .failure(Problem(code: "empty_tag", message: "'\(Excerpt.of(source))' has no name"))
        }
        if name.unicodeScalars.contains(where: { $0.isASCII ? $0 == " " || ($0.value >= 0x09 && $0.value <= 0x0D) : $0.properties.isWhitespace }) {
            return .failure(Problem(code: "invalid_name", message: "'\(Excerpt.of(source))': the name '\(Excerpt.of(name))' contains spaces"))
        }
        var filters: [FilterCall] = []
        for raw in pieces.dropFirst() {
            let text = raw.trimmingWhitespace()
            guard let colon = text.firstIndex(of: ":") else {
                if text.isEmpty { return .failure(Problem(code: "empty_filter", message: "'\(Excerpt.of(source))' has an empty filter after '|'")) }
                filters.append(FilterCall(name: text, arguments: []))
                continue
            }
            let filterName = String(text[..<colon]).trimmingWhitespace()
            filters.append(FilterCall(name: filterName, arguments: splitArguments(String(text[text.index(after: colon)...]))))
        }
        return .success(TemplateTag(kind: kind, name: name, filters: filters, source: source, range: range,
                            repeatedElement: repeatedElement))
    }

    /// docxtemplater's explicit loop: `-`, a qualified element name (`w:p`), whitespace, the
    /// rest of the tag. Anything else starting with `-` stays what it was (a name `-x`).
    static func explicitLoop(_ content: String) -> (element: String, rest: String)? {
        let trimmed = content.trimmingLeadingWhitespace()
        guard trimmed.first == "-" else { return nil }
        let afterSigil = trimmed.dropFirst()
        guard let gap = afterSigil.firstIndex(where: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }) else { return nil }
        let element = afterSigil[..<gap]
        let parts = element.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" } }) else {
            return nil
        }
        return (String(element), String(afterSigil[gap...]))
    }

    /// A cell span tag: `~`, a word (`colspan`…), the rest. The word is nil when it names no
    /// span (reported by the caller).
    static func cellSpan(_ content: String) -> (CellSpanKind?, String)? {
        let trimmed = content.trimmingLeadingWhitespace()
        guard trimmed.first == "~" else { return nil }
        let afterSigil = trimmed.dropFirst()
        let word = afterSigil.prefix { $0 != " " && $0 != "\t" && $0 != "\n" && $0 != "\r" }
        return (CellSpanKind(rawValue: String(word)), String(afterSigil.dropFirst(word.count)))
    }

    /// Splits on `|` outside quotes. The bytes are scanned, not the characters: `|` and the
    /// quotes are ASCII, and a UTF-8 byte below 0x80 is never part of another character.
    static func splitFilters(_ s: String) -> [String] {
        var parts: [String] = [], start = s.utf8.startIndex, quote: UInt8?
        var i = start
        while i != s.utf8.endIndex {
            let b = s.utf8[i]
            if let q = quote {
                if b == q { quote = nil }
            } else if b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") {
                quote = b
            } else if b == UInt8(ascii: "|") {
                parts.append(String(s[start..<i])); start = s.utf8.index(after: i)
            }
            i = s.utf8.index(after: i)
        }
        parts.append(String(s[start...]))
        return parts
    }

    /// Splits filter arguments on `,` outside quotes and removes the quotes. Whitespace
    /// outside quotes only separates (`default: "DEF"` is `DEF`, as `default:"DEF"`); quoted
    /// text is kept exactly, spaces included (`default:" – "`).
    static func splitArguments(_ s: String) -> [String] {
        var args: [String] = [], current = "", quote: Character?
        // Spaces outside quotes wait in `pending` and join the argument only between two
        // parts of it: leading and trailing ones are dropped.
        var pending = ""
        func isSpace(_ c: Character) -> Bool { c == " " || c == "\t" || c == "\n" || c == "\r" }
        for c in s {
            if let q = quote { if c == q { quote = nil } else { current.append(c) }; continue }
            if c == "\"" || c == "'" { quote = c; if !current.isEmpty { current += pending }; pending = ""; continue }
            if c == "," { args.append(current); current = ""; pending = ""; continue }
            if isSpace(c) { pending.append(c); continue }
            if !current.isEmpty { current += pending }
            pending = ""
            current.append(c)
        }
        args.append(current)
        return args
    }
}

extension StringProtocol {
    func trimmingLeadingWhitespace() -> Substring {
        let s = Substring(self)
        return s.drop(while: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" })
    }
    func trimmingWhitespace() -> String {
        var s = trimmingLeadingWhitespace()
        while let last = s.last, last == " " || last == "\t" || last == "\n" || last == "\r" { s = s.dropLast() }
        return String(s)
    }
}
