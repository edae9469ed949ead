/// Where a rich value lands, captured when the template is compiled: the markup that leaves
/// the template's run, starts a run with marks, and (when the tag is alone in its paragraph)
/// starts a new paragraph like the tag's. The renderer (`RichTextWriter`) only puts these
/// pieces in order; what they are is the format's business, here and in `RichTextProfile`.
struct RichSite: Sendable {
    let rules: RichTextProfile
    /// The prefix of the text namespace at the tag.
    let prefix: String
    /// End tags from the tag's text element up to its run (DOCX `</w:t></w:r>`); empty
    /// where runs nest (ODF: value runs are spans inside the tag's span or paragraph).
    let leaveRun: [UInt8]
    /// DOCX: the template's run start as the plan writes it, down to the tag's text element
    /// (run start tag, properties, text start tag). Where the output ends with it the tag
    /// starts its run: the run is taken back rather than closed empty.
    var templateRunStart: [UInt8] = []
    /// DOCX: the tag run's start tag, its property elements (local name, whether in another
    /// namespace than the text's, as `w14:shadow`; bytes) and the text element's start tag:
    /// each value run repeats them, its marks merged into the properties.
    let runStart: [UInt8]
    let runProperties: [(local: String, foreign: Bool, bytes: [UInt8])]
    let propertiesElement: (open: [UInt8], close: [UInt8])
    let textStart: [UInt8]
    /// From between runs to the start of a copy of the tag's paragraph (its properties, its
    /// start tags down to where runs go); nil when the tag shares its paragraph with other
    /// content: there blocks are joined with line breaks.
    let paragraphBreak: CopiedMarkup?
    /// The same to a bullet paragraph in the template's bullet style (DOCX "List Bullet");
    /// nil where there is none: a bullet is then a paragraph starting `• `.
    let bulletBreak: CopiedMarkup?
    /// False inside a link of the template (`w:hyperlink`, `text:a`): links do not nest.
    let linksAllowed: Bool
    /// ODF: the automatic style the paragraph copies take, and its declaration, where the
    /// tag paragraph's style breaks the page (`ODFCopyStyle`).
    var copyStyle: (name: String, declaration: [UInt8])? = nil

    /// The site of a tag whose text element is `carrier`; nil where a value cannot have
    /// runs of its own (a DOCX text element outside a run). `alone`: the tag is the only
    /// content of its paragraph.
    static func make(carrier: XMLElement, profile: FormatProfile, alone: Bool) -> RichSite? {
        guard let rules = profile.rich else { return nil }
        let prefix = carrier.prefix ?? ""
        var leave: [UInt8] = [], runStart: [UInt8] = [], textStart: [UInt8] = []
        var properties: [(String, Bool, [UInt8])] = []
        var propertiesElement: ([UInt8], [UInt8]) = ([], [])
        var outside = carrier   // the innermost element value runs are written in
        var templateRunStart: [UInt8] = []
        if !rules.runsNest {
            guard let run = carrier.parent, run.matches(profile.runs) else { return nil }
            XMLWriter.writeEndTag(carrier, into: &leave)
            XMLWriter.writeEndTag(run, into: &leave)
            XMLWriter.writeStartTag(copy(run, profile), into: &runStart, selfClosing: false)
            // Only properties before the text element: a tab or a break before it is content.
            let before = run.children.prefix { $0 !== carrier }
            if before.allSatisfy({ ($0 as? XMLElement)?.matches(profile.propertyElements) == true }) {
                XMLWriter.writeStartTag(run, into: &templateRunStart, selfClosing: false)
                for case let element as XMLElement in before { XMLWriter.write(element, into: &templateRunStart) }
                XMLWriter.writeStartTag(carrier, into: &templateRunStart, selfClosing: false)
            }
            textStart = Array("<\(prefix):\(carrier.name) xml:space=\"preserve\">".utf8)
            if let rPr = run.children.lazy.compactMap({ $0 as? XMLElement }).first(where: { $0.matches(profile.propertyElements) }) {
                XMLWriter.writeStartTag(rPr, into: &propertiesElement.0, selfClosing: false)
                XMLWriter.writeEndTag(rPr, into: &propertiesElement.1)
                for case let p as XMLElement in rPr.children {
                    var bytes: [UInt8] = []
                    XMLWriter.write(p, into: &bytes)
                    properties.append((p.name, p.namespaceURI != carrier.namespaceURI, bytes))
                }
            } else {
                propertiesElement = (Array("<\(prefix):rPr>".utf8), Array("</\(prefix):rPr>".utf8))
            }
            outside = run.parent ?? run
        }
        let linkAncestor = ([carrier] + carrier.ancestors).contains { $0.name == rules.linkElement && $0.namespaceURI == carrier.namespaceURI }
        let copyStyle = alone ? profile.paragraphStyleAttribute.flatMap { attribute in
            ([carrier] + carrier.ancestors).first { $0.matches(profile.paragraphs) }.flatMap { ODFCopyStyle.make(paragraph: $0, styleAttribute: attribute, template: rules.styles.odf) }
        } : nil
        return RichSite(rules: rules, prefix: prefix, leaveRun: leave, templateRunStart: templateRunStart, runStart: runStart, runProperties: properties,
                        propertiesElement: propertiesElement, textStart: textStart,
                        paragraphBreak: alone ? paragraphBreak(from: outside, profile, copyStyle: copyStyle?.name) : nil,
                        bulletBreak: alone ? rules.styles.bullet.flatMap { paragraphBreak(from: outside, profile, style: $0) } : nil,
                        linksAllowed: !linkAncestor, copyStyle: copyStyle)
    }

    /// End tags from `inner` up to its paragraph, then start tags of copies down again.
    /// `style`: the paragraph's style replaced by this one (its numbering dropped).
    /// `copyStyle`: the style attribute's new value (ODF; see `ODFCopyStyle`).
    private static func paragraphBreak(from inner: XMLElement, _ profile: FormatProfile, style: String? = nil,
                                       copyStyle: String? = nil) -> CopiedMarkup? {
        var chain: [XMLElement] = []
        var e: XMLElement? = inner
        while let el = e {
            chain.append(el)
            if el.matches(profile.paragraphs) { break }
            e = el.parent
        }
        guard let paragraph = chain.last, paragraph.matches(profile.paragraphs),
              paragraph.descendants(where: { $0.matches(profile.keepParagraph) }).isEmpty else { return nil }
        var out = CopiedMarkup()
        for el in chain { XMLWriter.writeEndTag(el, into: &out.bytes) }
        for el in chain.reversed() {
            let start = copy(el, profile)
            if el === paragraph, let copyStyle, let attribute = profile.paragraphStyleAttribute {
                for k in start.attributes.indices where start.attributes[k].name == attribute { start.attributes[k].value = copyStyle }
            }
            out.writeStartTag(start, selfClosing: false, ids: profile.uniqueIDs)
            var properties = el.children.compactMap { ($0 as? XMLElement)?.matches(profile.propertyElements) == true ? ($0 as! XMLElement).deepClone() : nil }
            if let style, let rules = profile.rich, el === paragraph {
                if properties.isEmpty { properties = [XMLElement(prefix: el.prefix, name: rules.paragraphProperties, namespaceURI: el.namespaceURI)] }
                let pPr = properties[0]
                pPr.children.removeAll { [rules.paragraphStyle, rules.paragraphNumbering].contains(($0 as? XMLElement)?.name) }
                let styleElement = XMLElement(prefix: el.prefix, name: rules.paragraphStyle, namespaceURI: el.namespaceURI)
                styleElement.setAttribute(prefix: el.prefix, name: "val", value: style)
                pPr.insert(styleElement, at: 0)
            }
            // The paragraph's properties, but a page break before belongs to the first one only.
            for p in properties {
                p.children.removeAll { ($0 as? XMLElement)?.matches(profile.breakBefore) == true }
                out.write(p, ids: profile.uniqueIDs)
            }
        }
        return out
    }

    /// A start tag's copy without the ids that must stay unique.
    private static func copy(_ e: XMLElement, _ profile: FormatProfile) -> XMLElement {
        let c = e.shallowClone()
        c.namespaceDeclarations = e.namespaceDeclarations
        c.attributes.removeAll { profile.uniqueOnSplit.contains($0.name) }
        return c
    }

    /// The markup starting a run with `marks` (and link properties, DOCX), from between runs.
    func open(_ marks: RichMarks, link: Bool) -> [UInt8] {
        if rules.runsNest {
            guard !marks.isEmpty else { return [] }
            return Array("<\(prefix):span \(prefix):style-name=\"\(RichTextProfile.styleName(marks, prefix: rules.styles.textStylePrefix))\">".utf8)
        }
        var added: [(local: String, bytes: [UInt8])] = []
        func element(_ local: String, _ attributes: [(String, String)]) -> (String, [UInt8]) {
            var bytes = Array("<\(prefix):\(local)".utf8)
            for (name, value) in attributes {
                bytes += Array(" \(prefix):\(name)=\"".utf8); XMLWriter.escapeAttribute(value, into: &bytes); bytes.append(UInt8(ascii: "\""))
            }
            return (local, bytes + Array("/>".utf8))
        }
        for m in rules.markProperties where marks.contains(m.mark) { added.append(element(m.local, m.attributes)) }
        if link {
            // The template's link style where it has one, else the usual link look.
            let properties = rules.styles.link.map { [(local: rules.characterStyle, attributes: [("val", $0)])] } ?? rules.linkProperties
            for p in properties where !added.contains(where: { $0.local == p.local }) { added.append(element(p.local, p.attributes)) }
        }
        // Merged in schema order; a property the order does not know keeps its place after
        // the known one before it. Elements of other namespaces (`w14:shadow`) are extensions
        // the order does not cover, whatever their local name: after all others, as they were.
        var merged: [(key: Int, bytes: [UInt8])] = []
        var last = -1
        for p in runProperties {
            if p.foreign { merged.append((Int.max, p.bytes)); continue }
            guard !added.contains(where: { $0.local == p.local }) else { continue }
            if let k = rules.propertyOrder.firstIndex(of: p.local) { last = k }
            merged.append((last, p.bytes))
        }
        for a in added { merged.append((rules.propertyOrder.firstIndex(of: a.local) ?? last, a.bytes)) }
        var out = runStart
        if !merged.isEmpty {
            out += propertiesElement.open
            for p in merged.enumerated().sorted(by: { ($0.element.key, $0.offset) < ($1.element.key, $1.offset) }) { out += p.element.bytes }
            out += propertiesElement.close
        }
        return out + textStart
    }

    /// The markup ending a run `open(marks)` started.
    func close(_ marks: RichMarks) -> [UInt8] {
        if rules.runsNest { return marks.isEmpty ? [] : Array("</\(prefix):span>".utf8) }
        return leaveRun
    }

    /// Back in the template's run after the value (DOCX: a run like the tag's, for the
    /// template's text after the tag and its end tags).
    var resume: [UInt8] { rules.runsNest ? [] : open([], link: false) }
}

/// Markup a rich value writes once per paragraph it makes, with the places of the ids in it
/// (`w:ins/@w:id` around the tag's run, in the paragraph mark's properties): each copy gets
/// ids of its own (`UniqueIDs.fresh`), as content a section repeats does, since the tag
/// paragraph keeps the template's.
struct CopiedMarkup: Sendable {
    var bytes: [UInt8] = []
    /// Where an id's value goes in `bytes` (nothing of it is there), its space and the template's value.
    var ids: [(at: Int, space: Int, original: String)] = []

    /// A start tag, its id attributes' values left to each copy.
    mutating func writeStartTag(_ e: XMLElement, selfClosing: Bool, ids profile: UniqueIDProfile) {
        var spaces: [Int: Int] = [:]
        profile.forEachID(of: e) { index, space in spaces[index] = space }
        guard !spaces.isEmpty else { XMLWriter.writeStartTag(e, into: &bytes, selfClosing: selfClosing); return }
        let bare = XMLElement(e.elementName)
        bare.namespaceDeclarations = e.namespaceDeclarations
        var start: [UInt8] = []
        XMLWriter.writeStartTag(bare, into: &start, selfClosing: false)
        bytes += start.dropLast()   // the `>`: attributes follow
        for (i, a) in e.attributes.enumerated() {
            bytes += Array(" \(a.qualifiedName)=\"".utf8)
            if let space = spaces[i] { ids.append((bytes.count, space, a.value)) } else { XMLWriter.escapeAttribute(a.value, into: &bytes) }
            bytes.append(UInt8(ascii: "\""))
        }
        bytes += Array((selfClosing ? "/>" : ">").utf8)
    }

    /// An element and its content, ids left to each copy.
    mutating func write(_ e: XMLElement, ids profile: UniqueIDProfile) {
        writeStartTag(e, selfClosing: e.children.isEmpty, ids: profile)
        guard !e.children.isEmpty else { return }
        for child in e.children {
            if let el = child as? XMLElement { write(el, ids: profile) } else { XMLWriter.write(child, into: &bytes) }
        }
        XMLWriter.writeEndTag(e, into: &bytes)
    }

    /// The markup with fresh ids (one per template id: a start and end with one id stay
    /// paired); the template's ids without `ids`.
    func written(ids: UniqueIDs?) -> [UInt8] {
        guard !self.ids.isEmpty, let ids else { return bytes }
        var out: [UInt8] = [], from = 0, fresh: [String: String] = [:]
        for slot in self.ids {
            out += bytes[from..<slot.at]
            let key = "\(slot.space) \(slot.original)"
            let id = fresh[key] ?? ids.fresh(slot.space, from: slot.original)
            fresh[key] = id
            XMLWriter.escapeAttribute(id, into: &out)
            from = slot.at
        }
        return out + bytes[from...]
    }
}
