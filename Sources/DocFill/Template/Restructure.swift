/// Step 2 of compiling a part: pair the section tags and apply the structural rules.
///
/// - Both tags in one paragraph: an inline section. The tags are lifted out of their runs to
///   the paragraph level (runs are split), and the runs between them repeat.
/// - Tags in different cells of one table row, or in different rows of one table: the rows
///   from the open tag's row to the close tag's row repeat.
/// - Tags in different paragraphs of one container (body, cell, text box): the paragraphs
///   between them repeat. A paragraph holding nothing but such tags vanishes; one with other
///   text is repeated with the rest.
/// - A section opened in a table cell and closed outside that table is an error.
struct Restructure {
    let profile: FormatProfile
    var diagnostics: [Diagnostic] = []
    var touched: [XMLElement] = []
    /// Elements whose content may vanish, with what they must do then.
    var guards: [ObjectIdentifier: Guard] = [:]

    enum Kind {
        case inline(XMLElement)
        case rows(container: XMLElement, first: XMLElement, last: XMLElement)
        case paragraphs(container: XMLElement, first: XMLElement, last: XMLElement)
    }

    init(profile: FormatProfile) { self.profile = profile }

    mutating func apply(_ placeholders: [TagPlaceholder]) {
        let tags = placeholders.map(\.tag)
        let (pairs, problems) = SectionPairing.pair(tags)
        for p in problems {
            diagnostics.append(Diagnostic(p.code, p.message, at: placeholders[p.tagIndex].location))
        }
        for placeholder in placeholders where placeholder.tag.kind == .partial {
            diagnostics.append(Diagnostic("unsupported_partial",
                                          "'\(placeholder.tag.shortSource)': partials work in text templates only", at: placeholder.location))
        }

        var kinds: [(open: TagPlaceholder, close: TagPlaceholder, kind: Kind)] = []
        for pair in pairs {
            let open = placeholders[pair.open], close = placeholders[pair.close]
            if let kind = classify(open, close) { kinds.append((open, close, kind)) }
        }
        guard diagnostics.isEmpty else { return }

        let tagOnly = tagOnlyParagraphs(placeholders, kinds)
        for (open, close, kind) in kinds {
            switch kind {
            case .inline(let paragraph):
                for (placeholder, isOpen) in [(open, true), (close, false)] {
                    hoist(placeholder, to: paragraph)
                    replace(placeholder, with: SectionMarker(placeholder, isOpen: isOpen))
                }
            case .rows(let container, let first, let last):
                insert(SectionMarker(open, isOpen: true), before: first, in: container)
                insert(SectionMarker(close, isOpen: false), after: last, in: container)
                detach(open); detach(close)
                let table = container.matches(profile.tables) ? container : container.parent
                if let table { guards[ObjectIdentifier(table)] = .dropIfNoRows }
            case .paragraphs(let container, let first, let last):
                if tagOnly[ObjectIdentifier(open.paragraph)] == nil {
                    insert(SectionMarker(open, isOpen: true), before: first, in: container)
                    detach(open)
                }
                if tagOnly[ObjectIdentifier(close.paragraph)] == nil {
                    insert(SectionMarker(close, isOpen: false), after: last, in: container)
                    detach(close)
                }
                if container.matches(profile.paragraphContainers) {
                    let prefix = first.prefix ?? ""
                    guards[ObjectIdentifier(container)] = .paragraphIfEmpty(Array(profile.emptyParagraph(prefix).utf8))
                }
            }
        }
        // Paragraphs holding only section tags give way to those tags' markers, in order.
        let paired = Dictionary(kinds.flatMap { [(ObjectIdentifier($0.open), true), (ObjectIdentifier($0.close), false)] },
                                uniquingKeysWith: { a, _ in a })
        var done = Set<ObjectIdentifier>()
        for placeholder in placeholders {
            let paragraph = placeholder.paragraph
            guard let unit = tagOnly[ObjectIdentifier(paragraph)], done.insert(ObjectIdentifier(paragraph)).inserted,
                  let parent = unit.parent, var index = unit.indexInParent else { continue }
            unit.remove()
            for p in placeholders where p.paragraph === paragraph {
                guard let isOpen = paired[ObjectIdentifier(p)] else { continue }
                parent.insert(SectionMarker(p, isOpen: isOpen), at: index)
                index += 1
            }
        }
        // Comments and set-delimiter tags leave nothing behind.
        for placeholder in placeholders where placeholder.tag.kind == .comment || placeholder.tag.kind == .setDelimiters {
            detach(placeholder)
        }
    }

    private mutating func classify(_ open: TagPlaceholder, _ close: TagPlaceholder) -> Kind? {
        let pO = open.paragraph, pC = close.paragraph
        if pO === pC { return .inline(pO) }
        let ancestorsO = [pO] + pO.ancestors
        let ancestorsC = Set(([pC] + pC.ancestors).map(ObjectIdentifier.init))
        guard let lca = ancestorsO.first(where: { ancestorsC.contains(ObjectIdentifier($0)) }) else { return nil }
        let childA = child(of: lca, containing: pO), childB = child(of: lca, containing: pC)
        if lca.matches(profile.rows) {
            guard let container = lca.parent else { return nil }
            return .rows(container: container, first: lca, last: lca)
        }
        if lca.matches(profile.tables) || lca.matches(profile.rowGroups) {
            return .rows(container: lca, first: childA, last: childB)
        }
        for (placeholder, paragraph) in [(open, pO), (close, pC)] {
            let between = paragraph.ancestors.prefix { $0 !== lca }
            if between.contains(where: { $0.matches(profile.cells) || $0.matches(profile.tables) }) {
                let other = placeholder === open ? close : open
                diagnostics.append(Diagnostic("section_crosses_table",
                    "'\(open.tag.shortSource)' and '\(close.tag.shortSource)' are not in the same table: open and close a row loop in the same table, or a paragraph loop outside it",
                    at: (placeholder === open ? open : other).location))
                return nil
            }
        }
        return .paragraphs(container: lca, first: childA, last: childB)
    }

    private func child(of ancestor: XMLElement, containing node: XMLElement) -> XMLElement {
        var current = node
        while let parent = current.parent, parent !== ancestor { current = parent }
        return current
    }

    /// Paragraphs whose only content is tags that all start or end paragraph-level sections
    /// (plus comments), and only whitespace text; mapped to what vanishes with them: the
    /// paragraph, or the wrapper that holds nothing else (an ODF list item).
    private func tagOnlyParagraphs(_ placeholders: [TagPlaceholder],
                                   _ kinds: [(open: TagPlaceholder, close: TagPlaceholder, kind: Kind)]) -> [ObjectIdentifier: XMLElement] {
        var boundary = Set<ObjectIdentifier>()
        var units: [ObjectIdentifier: XMLElement] = [:]
        for (open, close, kind) in kinds {
            if case .paragraphs(let container, let first, let last) = kind {
                if let unit = soleWrapper(of: open.paragraph, in: container), unit === first {
                    boundary.insert(ObjectIdentifier(open)); units[ObjectIdentifier(open.paragraph)] = unit
                }
                if let unit = soleWrapper(of: close.paragraph, in: container), unit === last {
                    boundary.insert(ObjectIdentifier(close)); units[ObjectIdentifier(close.paragraph)] = unit
                }
            }
        }
        var byParagraph: [ObjectIdentifier: [TagPlaceholder]] = [:]
        for p in placeholders { byParagraph[ObjectIdentifier(p.paragraph), default: []].append(p) }
        var result: [ObjectIdentifier: XMLElement] = [:]
        for (id, list) in byParagraph {
            let paragraph = list[0].paragraph
            guard let unit = units[id], list.contains(where: { boundary.contains(ObjectIdentifier($0)) }),
                  list.allSatisfy({ boundary.contains(ObjectIdentifier($0)) || $0.tag.kind == .comment || $0.tag.kind == .setDelimiters }),
                  onlyTagsAndWhitespace(paragraph) else { continue }
            result[id] = unit
        }
        return result
    }

    /// The paragraph itself when it sits directly in `container`, or the wrapper directly in
    /// `container` that holds only this paragraph (through single-child levels); else nil.
    private func soleWrapper(of paragraph: XMLElement, in container: XMLElement) -> XMLElement? {
        var current = paragraph
        while let parent = current.parent, parent !== container {
            let elements = parent.children.compactMap { $0 as? XMLElement }.filter { !$0.matches(profile.propertyElements) }
            guard elements.count == 1 else { return nil }
            current = parent
        }
        return current.parent === container ? current : nil
    }

    private func onlyTagsAndWhitespace(_ paragraph: XMLElement) -> Bool {
        if !paragraph.descendants(where: { $0.matches(profile.keepParagraph) }).isEmpty { return false }
        func check(_ e: XMLElement) -> Bool {
            for child in e.children {
                if let t = child as? XMLText {
                    if e.matches(profile.textCarriers), !t.bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) { return false }
                } else if child is ImagePlaceholder {
                    return false
                } else if let el = child as? XMLElement {
                    if el.matches(profile.propertyElements) { continue }
                    guard el.matches(profile.tagOnlyAllowed), check(el) else { return false }
                }
            }
            return true
        }
        return check(paragraph)
    }

    /// Moves `node` up until its parent is `ancestor`, splitting every element in between
    /// into a part before and a part after the node (property children go to both parts).
    private mutating func hoist(_ node: XMLNode, to ancestor: XMLElement) {
        while let parent = node.parent, parent !== ancestor {
            guard let grand = parent.parent, let index = node.indexInParent, let parentIndex = parent.indexInParent else { return }
            let after = parent.shallowClone()
            for child in parent.children {
                if let el = child as? XMLElement, el.matches(profile.propertyElements) { after.append(el.deepClone()) }
            }
            for child in parent.children[(index + 1)...] { after.append(child) }
            parent.children.removeSubrange(index...)
            node.parent = nil
            grand.insert(node, at: parentIndex + 1)
            grand.insert(after, at: parentIndex + 2)
            touched += [parent, after]
        }
    }

    private func replace(_ old: XMLNode, with new: XMLNode) {
        guard let parent = old.parent, let index = old.indexInParent else { return }
        parent.children[index] = new
        new.parent = parent
        old.retire(from: parent)
    }

    private mutating func detach(_ node: XMLNode) {
        if let parent = node.parent { touched.append(parent); if let run = parent.parent { touched.append(run) } }
        node.remove()
    }

    private func insert(_ node: XMLNode, before anchor: XMLElement, in container: XMLElement) {
        guard let index = anchor.indexInParent, anchor.parent === container else { return }
        container.insert(node, at: index)
    }

    private func insert(_ node: XMLNode, after anchor: XMLElement, in container: XMLElement) {
        guard let index = anchor.indexInParent, anchor.parent === container else { return }
        container.insert(node, at: index + 1)
    }
}
