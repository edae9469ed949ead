/// Matches section open and close tags with a stack, the same way for text templates and
/// documents, and reports every mismatch rather than stopping at the first.
///
/// It also bounds how deep sections nest (`maxDepth`): every walk over a compiled plan or a
/// tag outline recurses once per level, so a template nested thousands deep would exhaust
/// the stack. No real template nests more than a handful of levels.
struct SectionPairing {
    struct Pair { var open: Int; var close: Int }
    struct Problem { var code: String; var message: String; var tagIndex: Int }

    /// The deepest section nesting a template may have (one part, or one text template).
    static let maxDepth = 100

    /// `tags` in document order; returns pairs of indices into it.
    static func pair(_ tags: [TemplateTag]) -> (pairs: [Pair], problems: [Problem]) {
        var stack: [Int] = []
        var pairs: [Pair] = []
        var problems: [Problem] = []
        var reportedDepth = false
        for (i, tag) in tags.enumerated() {
            switch tag.kind {
            case .sectionOpen, .invertedOpen:
                if stack.count == maxDepth && !reportedDepth {
                    // Reported once, at the first section too deep: one line, not thousands.
                    reportedDepth = true
                    problems.append(Problem(code: "section_too_deep",
                                            message: "'\(tag.source)' nests sections deeper than \(maxDepth) levels",
                                            tagIndex: i))
                }
                stack.append(i)
            case .close:
                guard let top = stack.last else {
                    problems.append(Problem(code: "unexpected_close",
                                            message: "'\(tag.shortSource)' closes a section that was never opened; remove it or open the section before it", tagIndex: i))
                    continue
                }
                // An empty close name (`{/}` in docxtemplater syntax) closes the innermost section.
                if tag.name.isEmpty || tags[top].name == tag.name {
                    stack.removeLast()
                    pairs.append(Pair(open: top, close: i))
                } else if let depth = stack.lastIndex(where: { tags[$0].name == tag.name }) {
                    // Sections left open inside this one are unclosed; report them and recover.
                    for inner in stack[(depth + 1)...] {
                        problems.append(Problem(code: "mismatched_close",
                                                message: "'\(tags[inner].shortSource)' is closed by '\(tag.shortSource)'; expected '{{/\(Excerpt.of(tags[inner].name))}}' first",
                                                tagIndex: i))
                    }
                    pairs.append(Pair(open: stack[depth], close: i))
                    stack.removeSubrange(depth...)
                } else {
                    // A misspelt close most likely meant the innermost section: close it,
                    // so one typo gives one error and not a cascade.
                    problems.append(Problem(code: "mismatched_close",
                                            message: "'\(tag.shortSource)' does not match the open section '\(tags[top].shortSource)'; close it with '{{/\(Excerpt.of(tags[top].name))}}'",
                                            tagIndex: i))
                    stack.removeLast()
                }
            default:
                break
            }
        }
        for open in stack {
            problems.append(Problem(code: "unclosed_section", message: "'\(tags[open].shortSource)' is never closed; add '{{/\(Excerpt.of(tags[open].name))}}' where the section ends", tagIndex: open))
        }
        pairs.sort { $0.open < $1.open }
        return (pairs, problems)
    }
}
