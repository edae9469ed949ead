/// The two ways `docfill inspect` shows a `TagOutline`: an indented tree for people and a
/// JSON value for tools.
extension TagOutline {
    /// One line per tag: the tag as written, `picture` for a placeholder picture's tag, `rich`
    /// for a tag whose value is rich text (its last filter is `md`), `column loop` for a loop
    /// repeating a table cell, `cell colspan` (`rowspan`, `merge`, `width`) for a cell span tag, its
    /// line:column in the part, and its paragraph or table cell; a section's body is indented
    /// under it, its close tag level with it.
    public func tree() -> String {
        var out = ""
        for part in parts {
            var indent = ""
            if let name = part.name { out += name + "\n"; indent = "  " }
            Self.write(part.nodes, indent: indent, into: &out)
        }
        return out
    }

    private static func write(_ nodes: [Node], indent: String, into out: inout String) {
        for node in nodes {
            switch node {
            case .tag(let info):
                out += indent + line(info) + "\n"
            case .section(let open, let body, let close):
                out += indent + line(open) + "\n"
                write(body, indent: indent + "  ", into: &out)
                out += indent + line(close) + "\n"
            }
        }
    }

    private static func line(_ info: TagInfo) -> String {
        // A picture tag reads like a value tag: the word tells which one the data fills with a picture.
        var s = info.tag.source + (info.isImage ? "  picture" : "") + (isRich(info.tag) ? "  rich" : "")
        if isColumnLoop(info.tag) { s += "  column loop" }
        if let span = info.tag.cellSpan { s += "  cell \(span.rawValue)" }
        s += "  \(info.location.line ?? 0):\(info.location.column ?? 0)"
        if let site = info.site { s += "  \(site)" }
        return s
    }

    /// `[{"part": …, "tags": [node…]}]`; a node has `kind`, `name`, `source`, `line`,
    /// `column`, `site` (with `paragraph` or `table`/`row`/`cell`), `filters` when it has
    /// any, `picture: true` for a placeholder picture's tag (its `kind` stays `variable`), `rich:
    /// true` for a rich-text tag (last filter `md`; data can make any value tag rich),
    /// `column_loop: true` for a loop repeating a table cell, `cell_span` (`colspan`…) for a
    /// cell span tag, and
    /// for a section `body` and `close`. Keys are sorted when written.
    public func json() -> Value {
        .array(parts.map { part in
            var object: [String: Value] = ["tags": .array(part.nodes.map(Self.json))]
            if let name = part.name { object["part"] = .string(name) }
            return .object(object)
        })
    }

    private static func json(_ node: Node) -> Value {
        switch node {
        case .tag(let info):
            return .object(json(info))
        case .section(let open, let body, let close):
            var object = json(open)
            object["body"] = .array(body.map(json))
            object["close"] = .object(json(close))
            return .object(object)
        }
    }

    private static func json(_ info: TagInfo) -> [String: Value] {
        let tag = info.tag
        var object: [String: Value] = [
            "kind": .string(kindName(tag.kind)), "name": .string(tag.name), "source": .string(tag.source),
            "line": .int(info.location.line ?? 0), "column": .int(info.location.column ?? 0),
        ]
        if info.isImage { object["picture"] = .bool(true) }
        if isRich(tag) { object["rich"] = .bool(true) }
        if isColumnLoop(tag) { object["column_loop"] = .bool(true) }
        if let span = tag.cellSpan { object["cell_span"] = .string(span.rawValue) }
        if !tag.filters.isEmpty {
            object["filters"] = .array(tag.filters.map {
                .object(["name": .string($0.name), "arguments": .array($0.arguments.map(Value.string))])
            })
        }
        switch info.site {
        case .paragraph(let n)?:
            object["site"] = .object(["text": .string(info.site!.description), "paragraph": .int(n)])
        case .tableCell(let t, let r, let c)?:
            object["site"] = .object(["text": .string(info.site!.description), "table": .int(t), "row": .int(r), "cell": .int(c)])
        case nil:
            break
        }
        return object
    }

    static func kindName(_ kind: TagKind) -> String {
        switch kind {
        case .variable: return "variable"
        case .unescapedVariable: return "unescaped"
        case .sectionOpen: return "section"
        case .invertedOpen: return "inverted"
        case .close: return "close"
        case .comment: return "comment"
        case .partial: return "partial"
        case .setDelimiters: return "delimiters"
        }
    }
}

extension TagOutline {
    /// An explicit loop repeating a table cell (`{{-w:tc years}}`, `{{-table:table-cell years}}`).
    static func isColumnLoop(_ tag: TemplateTag) -> Bool {
        tag.repeatedElement.map { FormatProfile.loopElement(named: $0) == .cell } ?? false
    }

    /// The tag's value is rich text whatever the data: its last filter is `md`.
    static func isRich(_ tag: TemplateTag) -> Bool { tag.filters.last?.name == "md" }
}
