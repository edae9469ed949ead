/// Step 3 of compiling a part: turn the restructured tree into a render plan. Subtrees
/// without tags become literal bytes once, here; sections become nested plan nodes.
struct PlanBuilder {
    let profile: FormatProfile
    let guards: [ObjectIdentifier: Guard]
    /// Tables laid out again after they render (see `TableShaping`).
    let shaped: [ObjectIdentifier: TableSlot]
    private var dynamic = Set<ObjectIdentifier>()
    /// Elements holding an id of the profile's `uniqueIDs`, or with one below them: inside a
    /// section each such id becomes a `.uniqueID` node, so that every copy gets its own.
    private var holdingIDs = Set<ObjectIdentifier>()

    init(profile: FormatProfile, guards: [ObjectIdentifier: Guard], shaped: [ObjectIdentifier: TableSlot] = [:], root: XMLElement) {
        self.profile = profile
        self.guards = guards
        self.shaped = shaped
        markDynamic(root)
    }

    /// Marks every element that has a placeholder or marker somewhere below it, and those
    /// holding ids.
    @discardableResult
    private mutating func markDynamic(_ e: XMLElement) -> (dynamic: Bool, ids: Bool) {
        var found = false
        var ids = !profile.uniqueIDs.spaces.isEmpty && profile.uniqueIDs.holdsID(e)
        for child in e.children {
            if child is TagPlaceholder || child is SectionMarker || child is ImagePlaceholder { found = true }
            else if let el = child as? XMLElement {
                let below = markDynamic(el)
                found = found || below.dynamic
                ids = ids || below.ids
            }
        }
        if found { dynamic.insert(ObjectIdentifier(e)) }
        if ids { holdingIDs.insert(ObjectIdentifier(e)) }
        return (found, ids)
    }

    func build(_ document: XMLDocument) -> [PlanNode] {
        var sink = PlanSink()
        sink.bytes = XMLWriter.declaration(standalone: document.standalone)
        emit(document.root, counting: nil, inSection: false, into: &sink)
        return sink.finish()
    }

    /// `counting`: the kind of child that counts for the enclosing guard (rows or paragraphs).
    /// `inSection`: the element repeats with a section, so its ids become `.uniqueID` nodes.
    private func emit(_ e: XMLElement, counting: NameSet?, inSection: Bool, into sink: inout PlanSink) {
        if let slot = shaped[ObjectIdentifier(e)], dynamic.contains(ObjectIdentifier(e)) {
            var table = PlanSink()
            emitElement(e, counting: counting, inSection: inSection, into: &table)
            sink.append(.shapedTable(slot, table.finish()))
            return
        }
        emitElement(e, counting: counting, inSection: inSection, into: &sink)
    }

    private func emitElement(_ e: XMLElement, counting: NameSet?, inSection: Bool, into sink: inout PlanSink) {
        guard dynamic.contains(ObjectIdentifier(e)) else {
            if inSection && holdingIDs.contains(ObjectIdentifier(e)) { writeWithIDs(e, into: &sink) }
            else { XMLWriter.write(e, into: &sink.bytes) }
            return
        }
        let guardKind = guards[ObjectIdentifier(e)]
        var childCounting: NameSet? = nil
        switch guardKind {
        case .dropIfNoRows?: childCounting = profile.rows
        case .paragraphIfEmpty?: childCounting = profile.paragraphs
        case nil: if e.matches(profile.rowGroups) || e.matches(profile.transparentWrappers) { childCounting = counting }
        }
        guard let guardKind else {
            writeStartTag(e, selfClosing: false, inSection: inSection, into: &sink)
            emitChildren(e, counting: childCounting, inSection: inSection, into: &sink)
            XMLWriter.writeEndTag(e, into: &sink.bytes)
            return
        }
        var open: [UInt8] = [], close: [UInt8] = [], body = PlanSink()
        // A guarded element (table, cell, text box) holds no id of the profile's.
        XMLWriter.writeStartTag(e, into: &open, selfClosing: false)
        emitChildren(e, counting: childCounting, inSection: inSection, into: &body)
        XMLWriter.writeEndTag(e, into: &close)
        sink.append(.guarded(guardKind, open: open, body: body.finish(), close: close))
    }

    private func emitChildren(_ e: XMLElement, counting: NameSet?, inSection: Bool, into sink: inout PlanSink) {
        // Open sections, innermost last; their bodies collect here until their close marker.
        var sections: [(marker: SectionMarker, body: PlanSink)] = []
        func append(_ node: PlanNode) {
            if sections.isEmpty { sink.append(node) } else { sections[sections.count - 1].body.append(node) }
        }
        func withCurrent(_ write: (inout PlanSink) -> Void) {
            if sections.isEmpty { write(&sink) } else { write(&sections[sections.count - 1].body) }
        }
        for child in e.children {
            switch child {
            case let marker as SectionMarker:
                if marker.isOpen {
                    sections.append((marker, PlanSink()))
                } else if let (open, body) = sections.popLast() {
                    var finished = body
                    append(.section(SectionSlot(tag: open.tag, location: open.location), finished.finish()))
                }
            case let placeholder as TagPlaceholder where placeholder.tag.cellSpan != nil:
                append(.cellSpan(ValueSlot(tag: placeholder.tag, location: placeholder.location, context: textContext(for: e))))
            case let placeholder as TagPlaceholder:
                append(.value(ValueSlot(tag: placeholder.tag, location: placeholder.location, context: textContext(for: e))))
            case let image as ImagePlaceholder:
                append(.image(ImageSlot(image, profile: profile.images)))
            case let el as XMLElement:
                let repeated = inSection || !sections.isEmpty
                if let counting, el.matches(counting)
                    || el.matches(profile.transparentWrappers) && !dynamic.contains(ObjectIdentifier(el))
                        && !el.descendants(where: { $0.matches(counting) }).isEmpty {
                    // A static content control holding rows (paragraphs) counts as one.
                    var counted = PlanSink()
                    emit(el, counting: counting, inSection: repeated, into: &counted)
                    append(.counted(counted.finish()))
                } else {
                    withCurrent { emit(el, counting: counting, inSection: repeated, into: &$0) }
                }
            default:
                withCurrent { XMLWriter.write(child, into: &$0.bytes) }
            }
        }
    }

    /// Writes a tagless subtree that repeats, with its ids as `.uniqueID` nodes.
    private func writeWithIDs(_ e: XMLElement, into sink: inout PlanSink) {
        writeStartTag(e, selfClosing: e.children.isEmpty, inSection: true, into: &sink)
        guard !e.children.isEmpty else { return }
        for child in e.children {
            if let el = child as? XMLElement, holdingIDs.contains(ObjectIdentifier(el)) { writeWithIDs(el, into: &sink) }
            else { XMLWriter.write(child, into: &sink.bytes) }
        }
        XMLWriter.writeEndTag(e, into: &sink.bytes)
    }

    /// A start tag; in repeated content its id attributes' values are `.uniqueID` nodes.
    private func writeStartTag(_ e: XMLElement, selfClosing: Bool, inSection: Bool, into sink: inout PlanSink) {
        var ids: [Int: Int] = [:]
        if inSection { profile.uniqueIDs.forEachID(of: e) { index, space in ids[index] = space } }
        guard !ids.isEmpty else {
            XMLWriter.writeStartTag(e, into: &sink.bytes, selfClosing: selfClosing)
            return
        }
        let bare = XMLElement(e.elementName)
        bare.namespaceDeclarations = e.namespaceDeclarations
        var start: [UInt8] = []
        XMLWriter.writeStartTag(bare, into: &start, selfClosing: false)
        sink.bytes += start.dropLast()   // the `>`: attributes follow
        for (i, a) in e.attributes.enumerated() {
            sink.bytes += Array(" \(a.qualifiedName)=\"".utf8)
            if let space = ids[i] { sink.append(.uniqueID(UniqueIDSlot(space: space, original: a.value))) }
            else { XMLWriter.escapeAttribute(a.value, into: &sink.bytes) }
            sink.bytes.append(UInt8(ascii: "\""))
        }
        sink.bytes += Array((selfClosing ? "/>" : ">").utf8)
    }

    private func textContext(for carrier: XMLElement) -> TextContext {
        if carrier.matches(profile.plainTextCarriers) {
            return TextContext(lineBreak: [0x0A], tab: [0x09], spacePrefix: nil)
        }
        let prefix = carrier.prefix ?? ""
        return TextContext(lineBreak: Array(profile.lineBreak(prefix).utf8), tab: Array(profile.tab(prefix).utf8),
                           spacePrefix: profile.spaceRule == .spaceElements ? prefix : nil, rich: richSite(for: carrier))
    }

    /// Where a rich value at this carrier writes its runs; its paragraphs only when the tag
    /// is the only content of its paragraph (see `RichSite`).
    private func richSite(for carrier: XMLElement) -> RichSite? {
        guard profile.rich != nil else { return nil }
        let paragraph = ([carrier] + carrier.ancestors).first { $0.matches(profile.paragraphs) }
        return RichSite.make(carrier: carrier, profile: profile, alone: paragraph.map(holdsOneTagOnly) ?? false)
    }

    /// A paragraph whose content is one tag and whitespace (properties aside).
    private func holdsOneTagOnly(_ paragraph: XMLElement) -> Bool {
        var tags = 0, other = false
        func walk(_ e: XMLElement) {
            for child in e.children where tags < 2 && !other {
                switch child {
                case is TagPlaceholder: tags += 1
                case let t as XMLText: if t.bytes.contains(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }) { other = true }
                case let el as XMLElement: if !el.matches(profile.propertyElements) { walk(el) }
                default: other = true   // a section marker or a picture
                }
            }
        }
        walk(paragraph)
        return tags == 1 && !other
    }
}

/// Collects plan nodes, joining neighbouring literal bytes as they are written (one growing
/// buffer between two dynamic nodes, rather than many small arrays joined afterwards).
struct PlanSink {
    private var nodes: [PlanNode] = []
    var bytes: [UInt8] = []

    mutating func append(_ node: PlanNode) {
        flush()
        nodes.append(node)
    }

    mutating func finish() -> [PlanNode] {
        flush()
        return nodes
    }

    private mutating func flush() {
        if !bytes.isEmpty { nodes.append(.bytes(bytes)); bytes = [] }
    }
}
