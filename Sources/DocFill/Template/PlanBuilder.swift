/// Step 3 of compiling a part: turn the restructured tree into a render plan. Subtrees
/// without tags become literal bytes once, here; sections become nested plan nodes.
struct PlanBuilder {
    let profile: FormatProfile
    let guards: [ObjectIdentifier: Guard]
    private var dynamic = Set<ObjectIdentifier>()

    init(profile: FormatProfile, guards: [ObjectIdentifier: Guard], root: XMLElement) {
        self.profile = profile
        self.guards = guards
        markDynamic(root)
    }

    /// Marks every element that has a placeholder or marker somewhere below it.
    @discardableResult
    private mutating func markDynamic(_ e: XMLElement) -> Bool {
        var found = false
        for child in e.children {
            if child is TagPlaceholder || child is SectionMarker || child is ImagePlaceholder { found = true }
            else if let el = child as? XMLElement, markDynamic(el) { found = true }
        }
        if found { dynamic.insert(ObjectIdentifier(e)) }
        return found
    }

    func build(_ document: XMLDocument) -> [PlanNode] {
        var sink = PlanSink()
        sink.bytes = XMLWriter.declaration(standalone: document.standalone)
        emit(document.root, counting: nil, into: &sink)
        return sink.finish()
    }

    /// `counting`: the kind of child that counts for the enclosing guard (rows or paragraphs).
    private func emit(_ e: XMLElement, counting: NameSet?, into sink: inout PlanSink) {
        guard dynamic.contains(ObjectIdentifier(e)) else {
            XMLWriter.write(e, into: &sink.bytes)
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
            XMLWriter.writeStartTag(e, into: &sink.bytes, selfClosing: false)
            emitChildren(e, counting: childCounting, into: &sink)
            XMLWriter.writeEndTag(e, into: &sink.bytes)
            return
        }
        var open: [UInt8] = [], close: [UInt8] = [], body = PlanSink()
        XMLWriter.writeStartTag(e, into: &open, selfClosing: false)
        emitChildren(e, counting: childCounting, into: &body)
        XMLWriter.writeEndTag(e, into: &close)
        sink.append(.guarded(guardKind, open: open, body: body.finish(), close: close))
    }

    private func emitChildren(_ e: XMLElement, counting: NameSet?, into sink: inout PlanSink) {
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
            case let placeholder as TagPlaceholder:
                append(.value(ValueSlot(tag: placeholder.tag, location: placeholder.location, context: textContext(for: e))))
            case let image as ImagePlaceholder:
                append(.image(ImageSlot(image, profile: profile.images)))
            case let el as XMLElement:
                if let counting, el.matches(counting)
                    || el.matches(profile.transparentWrappers) && !dynamic.contains(ObjectIdentifier(el))
                        && !el.descendants(where: { $0.matches(counting) }).isEmpty {
                    // A static content control holding rows (paragraphs) counts as one.
                    var counted = PlanSink()
                    emit(el, counting: counting, into: &counted)
                    append(.counted(counted.finish()))
                } else {
                    withCurrent { emit(el, counting: counting, into: &$0) }
                }
            default:
                withCurrent { XMLWriter.write(child, into: &$0.bytes) }
            }
        }
    }

    private func textContext(for carrier: XMLElement) -> TextContext {
        let prefix = carrier.prefix ?? ""
        return TextContext(lineBreak: Array(profile.lineBreak(prefix).utf8), tab: Array(profile.tab(prefix).utf8),
                           spacePrefix: profile.spaceRule == .spaceElements ? prefix : nil)
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
