/// The parts of `Restructure` that decide what vanishes: pieces of split paragraphs and rows
/// that held nothing but section tags.
extension Restructure {
    /// After the paragraph rule has split paragraphs at their section tags: the section
    /// break of a split paragraph stays on one piece only, the last one outside the sections
    /// split there (the lowest section depth among its pieces); then every piece holding
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
            for (piece, _) in list where holdsNothing(piece) {
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
}
