/// The parts of `Restructure` that decide what vanishes: pieces of split paragraphs and rows
/// that held nothing but section tags.
extension Restructure {
    /// After the paragraph rule has split paragraphs at their section tags: the section
    /// break of a split paragraph stays on one piece only, the last one outside the sections
    /// split there (the lowest section depth among its pieces), a page break before the
    /// paragraph (`w:pageBreakBefore`) on its first piece; then every other piece holding
    /// nothing but whitespace and tags vanishes.
    mutating func settlePieces(in container: XMLElement) {
        var origins: [ObjectIdentifier] = []
        var pieces: [ObjectIdentifier: [(piece: XMLElement, depth: Int)]] = [:]
        var depth = 0
        for child in container.children {
            if let marker = child as? SectionMarker {
                depth += marker.isOpen ? 1 : -1
            } else if let element = child as? XMLElement, let origin = splitOrigin[ObjectIdentifier(element)] {
                if pieces[ObjectIdentifier(origin)] == nil { origins.append(ObjectIdentifier(origin)) }
                pieces[ObjectIdentifier(origin), default: []].append((element, depth))
            }
        }
        for origin in origins {
            let list = pieces[origin]!
            let lowest = list.map(\.depth).min()!
            let keeper = list.last { $0.depth == lowest }!.piece
            for (piece, _) in list where piece !== keeper {
                for sectionBreak in piece.descendants(where: { $0.matches(profile.keepParagraph) }) { sectionBreak.remove() }
            }
            // A page break before the paragraph stays before its first piece.
            for (piece, _) in list.dropFirst() {
                for pageBreak in piece.descendants(where: { $0.matches(profile.breakBefore) }) { pageBreak.remove() }
            }
            let keep = settleStyleBreaks(list.map(\.piece))
            for (piece, _) in list where holdsNothing(piece) && piece.descendants(where: { $0.matches(profile.breakBefore) }).isEmpty
                && !keep.contains(ObjectIdentifier(piece)) {
                piece.remove()
            }
        }
    }

    /// Whether an element (a paragraph piece, a row) holds only whitespace, tags that leave
    /// nothing (comments, delimiter changes, the given section tags) and markup that shows
    /// nothing. A section break keeps it.
    func holdsNothing(_ element: XMLElement, besides boundary: Set<ObjectIdentifier> = []) -> Bool {
        if !element.descendants(where: { $0.matches(profile.keepParagraph) }).isEmpty { return false }
        func check(_ e: XMLElement) -> Bool {
            for child in e.children {
                switch child {
                case let t as XMLText:
                    if e.matches(profile.textCarriers), !t.bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) { return false }
                case let p as TagPlaceholder:
                    if !(p.tag.kind == .comment || p.tag.kind == .setDelimiters || boundary.contains(ObjectIdentifier(p))) { return false }
                case is SectionMarker, is ImagePlaceholder:
                    return false
                case let el as XMLElement:
                    if el.matches(profile.propertyElements) || el.matches(profile.wrapperProperties) || el.matches(profile.cellProperties) { continue }
                    guard el.matches(profile.tagOnlyAllowed) || el.matches(profile.paragraphs) || el.matches(profile.transparentWrappers)
                            || el.matches(profile.rows) || el.matches(profile.cells),
                          check(el) else { return false }
                default:
                    break
                }
            }
            return true
        }
        return check(element)
    }

    /// The first and last rows of multi-row sections that hold nothing but section tags
    /// starting or ending there (and whitespace), by the row (or the wrapper holding only it),
    /// with the markers that take their place, in order. Rows with merged cells stay.
    func tagOnlyRowUnits(_ placeholders: [TagPlaceholder], _ sections: [Section]) -> [ObjectIdentifier: [(TagPlaceholder, Bool)]] {
        var candidates: [ObjectIdentifier: XMLElement] = [:]
        var boundary: [ObjectIdentifier: Bool] = [:]   // placeholder → is open
        for (open, close, kind) in sections {
            guard case .rows(_, let first, let last) = kind, first !== last else { continue }
            candidates[ObjectIdentifier(first)] = first; candidates[ObjectIdentifier(last)] = last
            boundary[ObjectIdentifier(open)] = true; boundary[ObjectIdentifier(close)] = false
        }
        guard !candidates.isEmpty else { return [:] }
        var inUnit: [ObjectIdentifier: [TagPlaceholder]] = [:]
        for p in placeholders {
            if let unit = p.ancestors.first(where: { candidates[ObjectIdentifier($0)] != nil }) {
                inUnit[ObjectIdentifier(unit), default: []].append(p)
            }
        }
        var result: [ObjectIdentifier: [(TagPlaceholder, Bool)]] = [:]
        for (id, unit) in candidates {
            let inside = inUnit[id] ?? []
            let ends = inside.filter { boundary[ObjectIdentifier($0)] != nil }
            guard !ends.isEmpty,
                  unit.descendants(where: { $0.matches(profile.rows) }).count + (unit.matches(profile.rows) ? 1 : 0) == 1,
                  unit.descendants(where: { $0.matches(profile.tables) || $0.matches(profile.verticalMerge) || $0.matches(profile.coveredCells)
                      || ($0.matches(profile.cells) && ($0.attribute("number-rows-spanned").flatMap { Int($0) } ?? 1) > 1) }).isEmpty,
                  holdsNothing(unit, besides: Set(ends.map(ObjectIdentifier.init))) else { continue }
            result[id] = ends.map { ($0, boundary[ObjectIdentifier($0)]!) }
        }
        return result
    }

    /// Removes the tag-only rows, their section markers standing in their place.
    mutating func replaceTagOnlyRows(_ units: [ObjectIdentifier: [(TagPlaceholder, Bool)]], _ placeholders: [TagPlaceholder],
                                     _ sections: [Section]) {
        guard !units.isEmpty else { return }
        for (_, _, kind) in sections {
            guard case .rows(_, let first, let last) = kind else { continue }
            for unit in [first, last] {
                guard let markers = units[ObjectIdentifier(unit)], let parent = unit.parent, var index = unit.indexInParent else { continue }
                unit.remove()
                for (placeholder, isOpen) in markers {
                    parent.insert(SectionMarker(placeholder, isOpen: isOpen), at: index)
                    index += 1
                }
            }
        }
    }

    /// ODF: a split paragraph whose automatic style breaks the page before (after) it keeps
    /// the break on its first (last) piece only, which stays even if empty; the other pieces
    /// get a copy of the style without the break (`P1_docfill-nobreak…`). Returns the pieces
    /// kept for a break.
    func settleStyleBreaks(_ pieces: [XMLElement]) -> Set<ObjectIdentifier> {
        guard let attribute = profile.paragraphStyleAttribute, pieces.count > 1 else { return [] }
        func paragraph(of piece: XMLElement) -> XMLElement? {
            piece.matches(profile.paragraphs) ? piece : piece.descendants(where: { $0.matches(profile.paragraphs) }).first
        }
        func named(_ local: String, in e: XMLElement) -> [XMLElement] { e.children.compactMap { $0 as? XMLElement }.filter { $0.name == local } }
        guard let first = paragraph(of: pieces[0]), let name = first.attribute(attribute), let root = first.ancestors.last,
              let styles = named("automatic-styles", in: root).first,
              let style = named("style", in: styles).first(where: { $0.attribute("name") == name }),
              let properties = named("paragraph-properties", in: style).first else { return [] }
        let before = (properties.attribute("break-before") ?? "auto") != "auto"
        let after = (properties.attribute("break-after") ?? "auto") != "auto"
        guard before || after else { return [] }
        for (i, piece) in pieces.enumerated() {
            let dropBefore = before && i > 0, dropAfter = after && i < pieces.count - 1
            guard dropBefore || dropAfter, let p = paragraph(of: piece),
                  let index = p.attributes.firstIndex(where: { $0.name == attribute }) else { continue }
            let variant = name + "_docfill-nobreak" + (dropBefore && dropAfter ? "" : dropBefore ? "-before" : "-after")
            if !named("style", in: styles).contains(where: { $0.attribute("name") == variant }) {
                let copy = style.deepClone()
                if let n = copy.attributes.firstIndex(where: { $0.name == "name" }) { copy.attributes[n].value = variant }
                for props in named("paragraph-properties", in: copy) {
                    for (drop, key) in [(dropBefore, "break-before"), (dropAfter, "break-after")] where drop {
                        if let k = props.attributes.firstIndex(where: { $0.name == key }) { props.attributes[k].value = "auto" }
                    }
                }
                styles.insert(copy, at: (style.indexInParent ?? styles.children.count - 1) + 1)
            }
            p.attributes[index].value = variant
        }
        var keep = Set<ObjectIdentifier>()
        if before { keep.insert(ObjectIdentifier(pieces[0])) }
        if after { keep.insert(ObjectIdentifier(pieces[pieces.count - 1])) }
        return keep
    }
}
