/// Step 2 of compiling a part: pair the section tags and apply the structural rules. They
/// live here and only here:
///
/// - Both tags in one paragraph: an inline section. The tags are lifted out of their runs to
///   the paragraph level (runs are split), and the runs between them repeat.
/// - Tags in different cells of one table row, or in different rows of one table: the rows
///   from the open tag's row to the close tag's row repeat. A first or last row holding
///   nothing but section tags (and whitespace) vanishes.
/// - Tags in different paragraphs of one container (body, cell, text box): each tag's
///   paragraph is split at the tag. Text before an open tag and after a close tag stays once,
///   outside the section; the paragraphs between repeat. A piece holding nothing but tags and
///   whitespace vanishes. A section break (`w:sectPr`) of a split paragraph goes to its last
///   piece outside the sections split there (it ends the paragraph, and must be neither
///   repeated nor lost); a page break run goes with the piece holding it.
/// - docxtemplater's explicit loops (`{-w:p items}`, `{-w:tr …}`, `{-w:tc …}`): the named
///   element around the open tag, through the one around the close tag, repeats.
/// - Wrappers (content controls) around rows, cells and paragraphs are transparent: a row in
///   a `w:sdt` repeats inside it; rows spread over several wrappers repeat with them.
/// - Sections pair within one text box, or outside text boxes; one opened outside and closed
///   inside (or the reverse) is `section_crosses_text_box`, one opened in a table cell and
///   closed outside that table `section_crosses_table`. Likewise each `mc:Choice` and
///   `mc:Fallback` of an `mc:AlternateContent`: `section_crosses_alternate_content`.
struct Restructure {
    let profile: FormatProfile
    var diagnostics: [Diagnostic] = []
    var touched: [XMLElement] = []
    /// Elements whose content may vanish, with what they must do then.
    var guards: [ObjectIdentifier: Guard] = [:]
    /// Top-level pieces of split paragraphs, mapped to the paragraph (or wrapper) they came from.
    var splitOrigin: [ObjectIdentifier: XMLElement] = [:]
    /// Tables holding a column loop: laid out again after they render (see `TableShaping`).
    var loopTables: [XMLElement] = []

    enum Kind {
        case inline(XMLElement)
        case rows(container: XMLElement, first: XMLElement, last: XMLElement)
        case paragraphs(container: XMLElement)
        /// An explicit loop: the elements `first` through `last` of `container` repeat.
        case elements(ExplicitLoopElement, container: XMLElement, first: XMLElement, last: XMLElement)
    }

    typealias Section = (open: TagPlaceholder, close: TagPlaceholder, kind: Kind)

    init(profile: FormatProfile) { self.profile = profile }

    mutating func apply(_ placeholders: [TagPlaceholder]) {
        let pairs = pairByTextBox(placeholders)
        for placeholder in placeholders where placeholder.tag.kind == .partial {
            diagnostics.append(Diagnostic("unsupported_partial",
                                          "'\(placeholder.tag.shortSource)': partials work in text templates only", at: placeholder.location))
        }
        var sections: [Section] = []
        for pair in pairs {
            let open = placeholders[pair.open], close = placeholders[pair.close]
            if let kind = classify(open, close) { sections.append((open, close, kind)) }
        }
        guard diagnostics.isEmpty else { return }

        // Inline sections first: they split runs inside paragraphs that the paragraph rule may
        // split afterwards.
        for (open, close, kind) in sections {
            guard case .inline(let paragraph) = kind else { continue }
            for (placeholder, isOpen) in [(open, true), (close, false)] {
                hoist(placeholder, to: paragraph)
                replace(placeholder, with: SectionMarker(placeholder, isOpen: isOpen))
            }
        }
        let tagOnlyRows = tagOnlyRowUnits(placeholders, sections)
        var splitContainers: [XMLElement] = []
        for (open, close, kind) in sections {
            switch kind {
            case .inline:
                break
            case .rows(let container, let first, let last):
                if tagOnlyRows[ObjectIdentifier(first)] == nil { insert(SectionMarker(open, isOpen: true), before: first, in: container) }
                if tagOnlyRows[ObjectIdentifier(last)] == nil { insert(SectionMarker(close, isOpen: false), after: last, in: container) }
                detach(open); detach(close)
                guardTable(around: container)
            case .elements(let element, let container, let first, let last):
                insert(SectionMarker(open, isOpen: true), before: first, in: container)
                insert(SectionMarker(close, isOpen: false), after: last, in: container)
                detach(open); detach(close)
                switch element {
                case .row: guardTable(around: container)
                case .paragraph: guardParagraphs(of: container, prefix: first.prefix)
                case .cell:
                    if let table = container.ancestors.first(where: { $0.matches(profile.tables) }) { loopTables.append(table) }
                }
            case .paragraphs(let container):
                for (placeholder, isOpen) in [(open, true), (close, false)] {
                    hoist(placeholder, to: container, recordingPieces: true)
                    replace(placeholder, with: SectionMarker(placeholder, isOpen: isOpen))
                }
                if !splitContainers.contains(where: { $0 === container }) { splitContainers.append(container) }
                guardParagraphs(of: container, prefix: open.paragraph.prefix)
            }
        }
        for container in splitContainers { settlePieces(in: container) }
        replaceTagOnlyRows(tagOnlyRows, placeholders, sections)
        // Comments and set-delimiter tags leave nothing behind.
        for placeholder in placeholders where placeholder.tag.kind == .comment || placeholder.tag.kind == .setDelimiters {
            detach(placeholder)
        }
    }

    /// Pairs section tags within each text box or alternate-content branch, and outside them. A section left open
    /// in one of these and closed in another is reported at both places, not as an unclosed
    /// section and a close never opened (a DOCX text box is written twice, in its drawing
    /// and its VML fallback, so it would also miss the second copy).
    private mutating func pairByTextBox(_ placeholders: [TagPlaceholder]) -> [SectionPairing.Pair] {
        var stories: [ObjectIdentifier?] = [], order: [ObjectIdentifier?] = [], members: [ObjectIdentifier?: [Int]] = [:]
        var isBranch = Set<ObjectIdentifier>()
        for (i, p) in placeholders.enumerated() {
            // From the tag itself: a branch may lie inside the paragraph, around some runs.
            let story = (p.parent == nil ? [p.paragraph] + p.paragraph.ancestors : p.ancestors).first { $0.matches(profile.textBoxes) || $0.matches(profile.alternateBranches) }
            let box = story.map(ObjectIdentifier.init)
            if let story, let box, story.matches(profile.alternateBranches) { isBranch.insert(box) }
            stories.append(box)
            if members[box] == nil { order.append(box) }
            members[box, default: []].append(i)
        }
        var pairs: [SectionPairing.Pair] = [], problems: [SectionPairing.Problem] = []
        for story in order {
            let indices = members[story]!
            let result = SectionPairing.pair(indices.map { placeholders[$0].tag })
            pairs += result.pairs.map { SectionPairing.Pair(open: indices[$0.open], close: indices[$0.close]) }
            problems += result.problems.map { SectionPairing.Problem(code: $0.code, message: $0.message, tagIndex: indices[$0.tagIndex]) }
        }
        var crossing = Set<Int>()
        for unclosed in problems where unclosed.code == "unclosed_section" {
            let open = placeholders[unclosed.tagIndex]
            let closes = problems.filter { p in
                p.code == "unexpected_close" && stories[p.tagIndex] != stories[unclosed.tagIndex]
                    && (placeholders[p.tagIndex].tag.name == open.tag.name || placeholders[p.tagIndex].tag.name.isEmpty)
            }.map(\.tagIndex)
            guard !closes.isEmpty else { continue }
            crossing.insert(unclosed.tagIndex)
            for close in closes {
                crossing.insert(close)
                let other = placeholders[close]
                let alternate = [unclosed.tagIndex, close].contains { stories[$0].map(isBranch.contains) ?? false }
                for (here, there) in [(open, other), (other, open)] {
                    let notTogether = "'\(open.tag.source)' and '\(other.tag.source)' (the other at \(Self.lineColumn(there.location)))"
                    diagnostics.append(alternate
                        ? Diagnostic("section_crosses_alternate_content",
                                     "\(notTogether) are not in the same branch of an mc:AlternateContent: open and close a section inside one mc:Choice or mc:Fallback, or both outside it",
                                     at: here.location)
                        : Diagnostic("section_crosses_text_box",
                                     "\(notTogether) are not in the same text box: open and close a section inside one text box, or both outside text boxes",
                                     at: here.location))
                }
            }
        }
        for p in problems where !crossing.contains(p.tagIndex) {
            diagnostics.append(Diagnostic(p.code, p.message, at: placeholders[p.tagIndex].location))
        }
        return pairs.sorted { $0.open < $1.open }
    }

    private static func lineColumn(_ location: SourceLocation) -> String {
        "\(location.line ?? 0):\(location.column ?? 0)"
    }

    private mutating func classify(_ open: TagPlaceholder, _ close: TagPlaceholder) -> Kind? {
        if let element = open.tag.repeatedElement { return explicitLoop(element, open, close) }
        let pO = open.paragraph, pC = close.paragraph
        if pO === pC { return .inline(pO) }
        let ancestorsO = [pO] + pO.ancestors
        let ancestorsC = Set(([pC] + pC.ancestors).map(ObjectIdentifier.init))
        guard let lca = ancestorsO.first(where: { ancestorsC.contains(ObjectIdentifier($0)) }) else { return nil }
        // Content controls between the tags' common ancestor and a row or table are seen through.
        var level = lca
        while level.matches(profile.transparentWrappers), let up = level.parent { level = up }
        if level.matches(profile.rows) {
            guard let container = level.parent else { return nil }
            return .rows(container: container, first: level, last: level)
        }
        if level.matches(profile.tables) || level.matches(profile.rowGroups) {
            return .rows(container: lca, first: child(of: lca, containing: pO), last: child(of: lca, containing: pC))
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
        return .paragraphs(container: lca)
    }

    /// `{-w:p items}…{/items}`: the nearest named element around each tag; both must be
    /// children of one element.
    private mutating func explicitLoop(_ name: String, _ open: TagPlaceholder, _ close: TagPlaceholder) -> Kind? {
        let known = profile.explicitLoops.keys.sorted().joined(separator: ", ")
        guard let element = profile.explicitLoops[name] else {
            diagnostics.append(Diagnostic("explicit_loop_element",
                "'\(open.tag.source)': a loop cannot repeat '\(name)' in this document; name one of \(known)", at: open.location))
            return nil
        }
        let set: NameSet
        switch element {
        case .paragraph: set = profile.paragraphs
        case .row: set = profile.rows
        case .cell: set = profile.cells
        }
        func nearest(_ node: XMLNode) -> XMLElement? { node.ancestors.first { $0.matches(set) } }
        guard let first = nearest(open), let last = nearest(close), let container = first.parent, last.parent === container,
              let a = first.indexInParent, let b = last.indexInParent, a <= b else {
            diagnostics.append(Diagnostic("explicit_loop_element",
                "'\(open.tag.source)' and '\(close.tag.source)' are not in one '\(name)', or in two of one parent: put both tags in the '\(name)' to repeat, or in the first and last of those to repeat",
                at: open.location))
            return nil
        }
        return .elements(element, container: container, first: first, last: last)
    }

    private func child(of ancestor: XMLElement, containing node: XMLElement) -> XMLElement {
        var current = node
        while let parent = current.parent, parent !== ancestor { current = parent }
        return current
    }

    /// A table left without rows vanishes: the guard goes on the table around `container`.
    private mutating func guardTable(around container: XMLElement) {
        if let table = ([container] + container.ancestors).first(where: { $0.matches(profile.tables) }) {
            guards[ObjectIdentifier(table)] = .dropIfNoRows
        }
    }

    /// A container that must keep a paragraph gets one if the data removes all of its own.
    private mutating func guardParagraphs(of container: XMLElement, prefix: String?) {
        guard let keeper = ([container] + container.ancestors).first(where: { !$0.matches(profile.transparentWrappers) }),
              keeper.matches(profile.paragraphContainers) else { return }
        guards[ObjectIdentifier(keeper)] = .paragraphIfEmpty(Array(profile.emptyParagraph(prefix ?? "").utf8))
    }

    /// Moves `node` up until its parent is `ancestor`, splitting every element in between
    /// into a part before and a part after the node (property children go to both parts; the
    /// second part leaves out ids that must stay unique). With `recordingPieces`, the
    /// top-level parts are remembered as pieces of one paragraph (see `settlePieces`).
    mutating func hoist(_ node: XMLNode, to ancestor: XMLElement, recordingPieces: Bool = false) {
        while let parent = node.parent, parent !== ancestor {
            guard let grand = parent.parent, let index = node.indexInParent, let parentIndex = parent.indexInParent else { return }
            let after = parent.shallowClone()
            after.attributes.removeAll { profile.uniqueOnSplit.contains($0.name) }
            for child in parent.children {
                if let el = child as? XMLElement, el.matches(profile.propertyElements) { after.append(el.deepClone()) }
            }
            for child in parent.children[(index + 1)...] { after.append(child) }
            parent.children.removeSubrange(index...)
            node.parent = nil
            grand.insert(node, at: parentIndex + 1)
            grand.insert(after, at: parentIndex + 2)
            touched += [parent, after]
            if recordingPieces && grand === ancestor {
                let origin = splitOrigin[ObjectIdentifier(parent)] ?? parent
                splitOrigin[ObjectIdentifier(parent)] = origin
                splitOrigin[ObjectIdentifier(after)] = origin
            }
        }
    }

    private func replace(_ old: XMLNode, with new: XMLNode) {
        guard let parent = old.parent, let index = old.indexInParent else { return }
        parent.children[index] = new
        new.parent = parent
        old.retire(from: parent)
    }

    mutating func detach(_ node: XMLNode) {
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
