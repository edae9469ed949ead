/// How an id is written.
enum UniqueIDKind: Hashable, Sendable {
    /// A decimal integer (`w:id`, `wp:docPr/@id`).
    case number
    /// Eight hexadecimal digits below 0x80000000 (`w14:paraId`, as the schema requires).
    case hex
    /// A name; a copy's is the original with `_2`, `_3`… (cut to `maxLength` characters).
    case name(maxLength: Int?)
}

/// An attribute holding an id: on the named element, or (element nil) on any element; the
/// attribute by local name, and by prefix too where one is given (`xml:id`).
struct IDHolder: Hashable, Sendable {
    let element: QName?
    let prefix: String?
    let attribute: String
}

/// The element an id names in another part, of which a copy that references it gets a copy
/// of its own: a footnote in the footnotes part, a comment in the comments part.
struct CopiedElement: Sendable {
    /// The content type of the part holding it.
    let contentType: String
    let element: QName
    let attribute: String
}

/// Ids that must be unique in a document, and their holders. Ids in one space share one
/// counter and one set of used values.
struct UniqueIDSpace: Sendable {
    let name: String
    let kind: UniqueIDKind
    let holders: [IDHolder]
    var copied: CopiedElement? = nil
}

/// Which attributes hold ids that must stay unique when content repeats, as data: in a copy
/// of repeated content each gets an id of its own (see `UniqueIDs`), and compiling collects
/// the values the template already uses. The first copy keeps the template's ids.
struct UniqueIDProfile: Sendable {
    let spaces: [UniqueIDSpace]
    /// Elements with a holder of their own, and for each the attributes and their space.
    let holders: NameSet
    let byElement: [QName: [(attribute: String, space: Int)]]
    /// Holders on any element (prefix, local name, space).
    let anyElement: [(prefix: String?, attribute: String, space: Int)]

    static let none = UniqueIDProfile(spaces: [], names: NameSetMaker(space: 0, bits: 0..<0))

    init(spaces: [UniqueIDSpace], names: NameSetMaker) {
        self.spaces = spaces
        var byElement: [QName: [(String, Int)]] = [:], anyElement: [(String?, String, Int)] = []
        for (index, space) in spaces.enumerated() {
            for holder in space.holders {
                if let element = holder.element { byElement[element, default: []].append((holder.attribute, index)) }
                else { anyElement.append((holder.prefix, holder.attribute, index)) }
            }
        }
        self.byElement = byElement.mapValues { $0.map { (attribute: $0.0, space: $0.1) } }
        self.anyElement = anyElement.map { (prefix: $0.0, attribute: $0.1, space: $0.2) }
        holders = byElement.isEmpty ? .empty : names.make(Set(byElement.keys))
    }

    /// Calls `body` with each id attribute of `e` (its index in `e.attributes`) and its space.
    func forEachID(of e: XMLElement, _ body: (_ index: Int, _ space: Int) -> Void) {
        if e.matches(holders), let qname = e.qname, let list = byElement[qname] {
            for (i, a) in e.attributes.enumerated() {
                if let hit = list.first(where: { $0.attribute == a.name }) { body(i, hit.space) }
            }
        }
        guard !anyElement.isEmpty else { return }
        for (i, a) in e.attributes.enumerated() {
            if let hit = anyElement.first(where: { $0.attribute == a.name && ($0.prefix == nil || $0.prefix == a.prefix) }) {
                body(i, hit.space)
            }
        }
    }

    /// Whether `e` holds an id.
    func holdsID(_ e: XMLElement) -> Bool {
        var found = false
        forEachID(of: e) { _, _ in found = true }
        return found
    }

    /// The space of an element's attribute (the drawing ids placeholder pictures take).
    func space(of element: QName, attribute: String) -> Int? {
        byElement[element]?.first { $0.attribute == attribute }?.space
    }
}

/// The ids a template uses, per space: new ids avoid them. Hex ids are kept in upper case.
struct UsedIDs: Sendable {
    var values: [Set<String>]
    /// The largest number below 2^31 per space (0 if none): new numbers count up from above it.
    var largest: [Int]

    init(spaces: Int) {
        values = Array(repeating: [], count: spaces)
        largest = Array(repeating: 0, count: spaces)
    }

    /// Records every id `root` and the elements below it hold. One loop over an explicit
    /// stack, the sets held in locals: a closure per element, capturing the profile and this
    /// value, made this walk an eighth of a compile.
    mutating func collect(_ root: XMLElement, _ profile: UniqueIDProfile) {
        guard !profile.spaces.isEmpty else { return }
        var values = self.values, largest = self.largest
        self.values = []
        let anyElement = !profile.anyElement.isEmpty
        var stack: [XMLElement] = [root]
        while let e = stack.popLast() {
            if !e.attributes.isEmpty && (anyElement || e.matches(profile.holders)) {
                profile.forEachID(of: e) { i, space in
                    let value = e.attributes[i].value
                    switch profile.spaces[space].kind {
                    // Word writes them in upper case already: no new string for those.
                    case .hex: values[space].insert(value.utf8.contains { $0 >= 0x61 && $0 <= 0x7A } ? value.uppercased() : value)
                    case .number:
                        values[space].insert(value)
                        if let n = Int(value), n < UniqueIDs.maxNumber { largest[space] = max(largest[space], n) }
                    case .name: values[space].insert(value)
                    }
                }
            }
            for child in e.children { if let element = child as? XMLElement { stack.append(element) } }
        }
        self.values = values
        self.largest = largest
    }

    mutating func merge(_ other: UsedIDs) {
        if values.count < other.values.count {
            values += Array(repeating: [], count: other.values.count - values.count)
            largest += Array(repeating: 0, count: other.largest.count - largest.count)
        }
        for i in other.values.indices {
            values[i].formUnion(other.values[i])
            largest[i] = max(largest[i], other.largest[i])
        }
    }
}

extension UniqueIDProfile {
    private static func at(_ ns: String, _ element: String, _ attribute: String, prefix: String? = nil) -> IDHolder {
        IDHolder(element: QName(namespace: ns, local: element), prefix: prefix, attribute: attribute)
    }

    static let docx: UniqueIDProfile = {
        let w = Namespaces.w, wp = Namespaces.wp
        let types = "application/vnd.openxmlformats-officedocument.wordprocessingml."
        func note(_ kind: String, _ part: String) -> CopiedElement {
            CopiedElement(contentType: types + part + "+xml", element: QName(namespace: w, local: kind), attribute: "id")
        }
        return UniqueIDProfile(spaces: [
            UniqueIDSpace(name: "drawing", kind: .number, holders: [at(wp, "docPr", "id")]),
            // Bookmarks and revisions (`w:ins`, `w:del`, a property change…): annotations,
            // whose `w:id` ECMA-376 wants unique among annotations, so one space.
            UniqueIDSpace(name: "annotation", kind: .number, holders: [at(w, "bookmarkStart", "id"), at(w, "bookmarkEnd", "id")]
                + ["ins", "del", "moveFrom", "moveTo", "moveFromRangeStart", "moveFromRangeEnd", "moveToRangeStart", "moveToRangeEnd",
                   "rPrChange", "pPrChange", "sectPrChange", "tblPrChange", "trPrChange", "tcPrChange", "tblGridChange",
                   "numberingChange", "cellIns", "cellDel", "cellMerge"].map { at(w, $0, "id") }),
            // Word allows bookmark names of 40 characters.
            UniqueIDSpace(name: "bookmark name", kind: .name(maxLength: 40), holders: [at(w, "bookmarkStart", "name")]),
            UniqueIDSpace(name: "comment", kind: .number,
                          holders: [at(w, "commentRangeStart", "id"), at(w, "commentRangeEnd", "id"),
                                    at(w, "commentReference", "id"), at(w, "comment", "id")],
                          copied: note("comment", "comments")),
            UniqueIDSpace(name: "footnote", kind: .number, holders: [at(w, "footnoteReference", "id"), at(w, "footnote", "id")],
                          copied: note("footnote", "footnotes")),
            UniqueIDSpace(name: "endnote", kind: .number, holders: [at(w, "endnoteReference", "id"), at(w, "endnote", "id")],
                          copied: note("endnote", "endnotes")),
            // A content control's id: `w:sdtPr/w:id/@w:val`.
            UniqueIDSpace(name: "content control", kind: .number, holders: [at(w, "id", "val")]),
            // Paragraph and row ids (Word 2010) and drawing anchor ids share one space.
            UniqueIDSpace(name: "paragraph", kind: .hex,
                          holders: [at(w, "p", "paraId"), at(w, "p", "textId"), at(w, "tr", "paraId"), at(w, "tr", "textId"),
                                    at(wp, "anchor", "anchorId"), at(wp, "inline", "anchorId")]),
        ], names: NameSetMaker(space: NameCacheSpace.docx, bits: 30..<31))
    }()

    static let odt: UniqueIDProfile = {
        let t = Namespaces.text, draw = Namespaces.draw
        let shapes = ["frame", "custom-shape", "rect", "ellipse", "circle", "line", "polyline", "polygon", "regular-polygon",
                      "path", "connector", "caption", "measure", "control", "g", "page-thumbnail"]
        return UniqueIDProfile(spaces: [
            UniqueIDSpace(name: "bookmark", kind: .name(maxLength: nil),
                          holders: [at(t, "bookmark", "name"), at(t, "bookmark-start", "name"), at(t, "bookmark-end", "name")]),
            UniqueIDSpace(name: "shape name", kind: .name(maxLength: nil), holders: shapes.map { at(draw, $0, "name") }),
            UniqueIDSpace(name: "note", kind: .name(maxLength: nil), holders: [at(t, "note", "id")]),
            UniqueIDSpace(name: "xml:id", kind: .name(maxLength: nil), holders: [IDHolder(element: nil, prefix: "xml", attribute: "id")]),
        ], names: NameSetMaker(space: NameCacheSpace.odt, bits: 27..<28))
    }()
}
