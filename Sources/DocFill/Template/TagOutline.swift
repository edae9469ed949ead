/// The tags of a template as a tree of sections, part by part (`docfill inspect`, and the
/// input of schema inference and data checks). Sections nest as `SectionPairing` pairs them,
/// so the tree is the one the renderer follows.
public struct TagOutline: Sendable {
    /// One entry of the tree: a lone tag, or a section with the entries between its open and close tags.
    public indirect enum Node: Sendable {
        /// A tag that is not a section's open or close tag: a value, a partial, a comment.
        case tag(TagInfo)
        /// `{{#name}}` or `{{^name}}` with what is between it and its close tag.
        case section(open: TagInfo, body: [Node], close: TagInfo)
    }

    /// The tags of one part of the template, as a tree.
    public struct Part: Sendable {
        /// The archive entry; nil for a text template and a flat ODF document.
        public let name: String?
        /// The top-level entries of the part, in document order.
        public let nodes: [Node]
    }

    /// The template's parts that hold tags, in archive order.
    public let parts: [Part]

    /// `tags` in document order, as `DocumentTemplate.tags` gives them.
    public init(_ tags: [TagInfo]) {
        var order: [String?] = []
        var byPart: [String?: [TagInfo]] = [:]
        for info in tags {
            if byPart[info.location.part] == nil { order.append(info.location.part) }
            byPart[info.location.part, default: []].append(info)
        }
        // A flat ODF document is one part without a name: shown like a text template's.
        parts = order.map { Part(name: $0?.isEmpty == true ? nil : $0, nodes: Self.tree(byPart[$0]!)) }
    }

    /// The outline of a compiled template.
    public init(_ template: DocumentTemplate) { self.init(template.tags) }

    /// Sections cannot span parts, so each part pairs on its own.
    static func tree(_ tags: [TagInfo]) -> [Node] {
        let (pairs, _) = SectionPairing.pair(tags.map(\.tag))
        var closeOf: [Int: Int] = [:]
        for pair in pairs { closeOf[pair.open] = pair.close }
        // Compiled templates nest at most `SectionPairing.maxDepth` deep; deeper tags (only
        // from tags that did not compile) are listed flat so the recursion stays bounded.
        func build(_ range: Range<Int>, depth: Int) -> [Node] {
            var nodes: [Node] = []
            var i = range.lowerBound
            while i < range.upperBound {
                if let close = closeOf[i], close < range.upperBound, depth < SectionPairing.maxDepth {
                    nodes.append(.section(open: tags[i], body: build((i + 1)..<close, depth: depth + 1), close: tags[close]))
                    i = close + 1
                } else {
                    // Compiled templates are balanced; anything unpaired is listed flat.
                    nodes.append(.tag(tags[i]))
                    i += 1
                }
            }
            return nodes
        }
        return build(0..<tags.count, depth: 0)
    }
}

extension TextTemplate {
    /// Every tag of a text template with its line and column, after checking that the
    /// template compiles (its errors are thrown as compiling would).
    public static func tags(in source: String, file: String? = nil, delimiters: Delimiters = .mustache,
                            filters: FilterSet = .standard) throws -> [TagInfo] {
        _ = try TextTemplate(source, file: file, delimiters: delimiters, filters: filters)
        let bytes = Array(source.utf8)
        var lexer = Lexer(delimiters: delimiters)
        var problems: [Lexer.Problem] = []
        let lines = LineIndex(bytes)
        return lexer.lex(bytes, problems: &problems).compactMap { token in
            guard case .tag(let tag) = token else { return nil }
            return TagInfo(tag: tag, location: lines.location(of: tag.range.lowerBound, file: file))
        }
    }
}
