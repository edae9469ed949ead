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
    /// ODF: where the template has a bullet list style (see `bulletListStyle`), the markup
    /// around bullet paragraphs: a list opened, the next item, the list closed; and the
    /// paragraph's end tag, after which a list open at the value's end is closed.
    var bulletList: (open: [UInt8], next: [UInt8], close: [UInt8], paragraphEnd: [UInt8])? = nil
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
        let paragraph = ([carrier] + carrier.ancestors).first { $0.matches(profile.paragraphs) }
        var bulletBreak = alone ? rules.styles.bullet.flatMap { paragraphBreak(from: outside, profile, style: $0) } : nil
        var bulletList: (open: [UInt8], next: [UInt8], close: [UInt8], paragraphEnd: [UInt8])?
        if alone, let elements = rules.listElements, let paragraph, let styleAttribute = profile.paragraphStyleAttribute {
            switch bulletListStyle(paragraph, styleAttribute: styleAttribute, elements: elements, template: rules.styles.odf) {
            case .around(let item):
                // Inside a bullet list already: each bullet line is an item of it.
                bulletBreak = paragraphBreak(from: outside, profile, copyStyle: copyStyle?.name, upTo: item)
            case .named(let name):
                var escaped: [UInt8] = []
                XMLWriter.escapeAttribute(name, into: &escaped)
                let (list, item) = ("\(prefix):\(elements.list)", "\(prefix):\(elements.item)")
                var end: [UInt8] = []
                XMLWriter.writeEndTag(paragraph, into: &end)
                bulletList = (Array("<\(list) \(prefix):\(elements.style)=\"".utf8) + escaped + Array("\"><\(item)>".utf8),
                              Array("</\(item)><\(item)>".utf8), Array("</\(item)></\(list)>".utf8), end)
            case nil: break
            }
        }
        return RichSite(rules: rules, prefix: prefix, leaveRun: leave, templateRunStart: templateRunStart, runStart: runStart, runProperties: properties,
                        propertiesElement: propertiesElement, textStart: textStart,
                        paragraphBreak: alone ? paragraphBreak(from: outside, profile, copyStyle: copyStyle?.name) : nil,
                        bulletBreak: bulletBreak, bulletList: bulletList, linksAllowed: !linkAncestor, copyStyle: copyStyle)
    }

    /// A bullet list style of the template for the tag's paragraph, in this order: the list
    /// around the tag when its style's first level is a bullet (its item is the one to
    /// repeat); the list style of the paragraph's style (up its parents) when a bullet one;
    /// a list style named "List Bullet" (`List_20_Bullet`).
    private enum BulletList { case around(item: XMLElement), named(String) }
    private static func bulletListStyle(_ paragraph: XMLElement, styleAttribute: String,
                                        elements: (list: String, item: String, style: String), template: ODFStyles) -> BulletList? {
        let root = paragraph.ancestors.last ?? paragraph
        let styles = ODFStyles(root: root).over(template)
        guard !styles.lists.isEmpty else { return nil }
        if paragraph.parent?.name == elements.item, let item = paragraph.parent,
           let list = item.ancestors.first(where: { $0.name == elements.list && $0.attribute(elements.style) != nil }),
           let name = list.attribute(elements.style), styles.lists[name]?.bullet == true {
            return .around(item: item)
        }
        if let own = paragraph.attribute(styleAttribute).flatMap(styles.listStyle(of:)), styles.lists[own]?.bullet == true { return .named(own) }
        func spoken(_ name: String) -> String { name.replacingOccurrences(of: "_20_", with: " ").lowercased() }
        return styles.lists.keys.sorted().first { name in
            spoken(name) == "list bullet" || spoken(styles.lists[name]!.displayName) == "list bullet"
        }.map(BulletList.named)
    }

    /// End tags from `inner` up to its paragraph (or `upTo`), then start tags of copies
    /// down again. `style`: the paragraph's style replaced by this one (its numbering
    /// dropped). `copyStyle`: the style attribute's new value (ODF; see `ODFCopyStyle`).
    private static func paragraphBreak(from inner: XMLElement, _ profile: FormatProfile, style: String? = nil,
                                       copyStyle: String? = nil, upTo top: XMLElement? = nil) -> CopiedMarkup? {
        var chain: [XMLElement] = []
        var e: XMLElement? = inner
        var paragraph: XMLElement?
        while let el = e {
            chain.append(el)
            if el.matches(profile.paragraphs) { paragraph = el }
            if el === (top ?? paragraph) { break }
            e = el.parent
        }
        guard let paragraph, chain.last === (top ?? paragraph),
              paragraph.descendants(where: { $0.matches(profile.keepParagraph) }).isEmpty else { return nil }
        var out = CopiedMarkup()
        for el in chain { XMLWriter.writeEndTag(el, into: &out.bytes) }
        out.leaveCount = out.bytes.count
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
/// ids of its own, as content a section repeats does, since the tag paragraph keeps the
/// template's (the renderer fills them in: `CopiedMarkup.written`, in Render).
struct CopiedMarkup: Sendable {
    var bytes: [UInt8] = []
    /// The end tags leaving the paragraph come first, this many bytes: a list's markup goes after them.
    var leaveCount = 0
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
}
