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
        PlanNode.merged([.bytes(XMLWriter.declaration(standalone: document.standalone))] + emit(document.root, counting: nil))
    }

    /// `counting`: the kind of child that counts for the enclosing guard (rows or paragraphs).
    private func emit(_ e: XMLElement, counting: Set<QName>?) -> [PlanNode] {
        guard dynamic.contains(ObjectIdentifier(e)) else {
            var bytes: [UInt8] = []
            XMLWriter.write(e, into: &bytes)
            return [.bytes(bytes)]
        }
        var open: [UInt8] = [], close: [UInt8] = []
        XMLWriter.writeStartTag(e, into: &open, selfClosing: false)
        XMLWriter.writeEndTag(e, into: &close)
        let guardKind = guards[ObjectIdentifier(e)]
        var childCounting: Set<QName>? = nil
        switch guardKind {
        case .dropIfNoRows?: childCounting = profile.rows
        case .paragraphIfEmpty?: childCounting = profile.paragraphs
        case nil: if e.matches(profile.rowGroups) { childCounting = counting }
        }
        let body = PlanNode.merged(emitChildren(e, counting: childCounting))
        if let guardKind { return [.guarded(guardKind, open: open, body: body, close: close)] }
        return [.bytes(open)] + body + [.bytes(close)]
    }

    private func emitChildren(_ e: XMLElement, counting: Set<QName>?) -> [PlanNode] {
        var stack: [(marker: SectionMarker?, nodes: [PlanNode])] = [(nil, [])]
        for child in e.children {
            switch child {
            case let marker as SectionMarker:
                if marker.isOpen {
                    stack.append((marker, []))
                } else if stack.count > 1 {
                    let (open, body) = stack.removeLast()
                    stack[stack.count - 1].nodes.append(.section(SectionSlot(tag: open!.tag, location: open!.location),
                                                                 PlanNode.merged(body)))
                }
            case let placeholder as TagPlaceholder:
                stack[stack.count - 1].nodes.append(.value(ValueSlot(tag: placeholder.tag, location: placeholder.location,
                                                                     context: textContext(for: e))))
            case let image as ImagePlaceholder:
                stack[stack.count - 1].nodes.append(.image(ImageSlot(image, profile: profile.images)))
            case let el as XMLElement:
                let nodes = emit(el, counting: counting)
                if let counting, el.matches(counting) {
                    stack[stack.count - 1].nodes.append(.counted(PlanNode.merged(nodes)))
                } else {
                    stack[stack.count - 1].nodes += nodes
                }
            default:
                var bytes: [UInt8] = []
                XMLWriter.write(child, into: &bytes)
                stack[stack.count - 1].nodes.append(.bytes(bytes))
            }
        }
        return stack[0].nodes
    }

    private func textContext(for carrier: XMLElement) -> TextContext {
        let prefix = carrier.prefix ?? ""
        return TextContext(lineBreak: Array(profile.lineBreak(prefix).utf8), tab: Array(profile.tab(prefix).utf8),
                           spacePrefix: profile.encodesSpaces ? prefix : nil)
    }
}
