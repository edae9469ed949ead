extension TagOutline.Node {
    /// The first name components read at this node's own context level: value tags and
    /// section tags here, and inside inverted sections (which push nothing), but not inside
    /// sections, whose bodies read from the item they push. `.` and `@index`-style loop
    /// names are left out: they never come from the data by name.
    static func levelNames(_ nodes: [TagOutline.Node]) -> Set<String> {
        var names: Set<String> = []
        for node in nodes {
            switch node {
            case .tag(let info):
                if info.tag.isValue, let first = dataName(info.tag) { names.insert(first) }
            case .section(let open, let body, _):
                if let first = dataName(open.tag) { names.insert(first) }
                if open.tag.kind == .invertedOpen { names.formUnion(levelNames(body)) }
            }
        }
        return names
    }

    /// The first component of a name read from the data; nil for `.` and `@…`.
    static func dataName(_ tag: TemplateTag) -> String? {
        guard tag.name != ".", !tag.name.hasPrefix("@"), let first = tag.path.first, !first.isEmpty else { return nil }
        return String(first)
    }
}
