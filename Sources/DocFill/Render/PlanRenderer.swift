/// Renders a compiled part with data: concatenates literal bytes and writes values as
/// escaped text. Problems (missing names in strict mode, filter failures) are collected.
struct PlanRenderer {
    var evaluator: ValueEvaluator
    private var counters: [Int] = []
    /// Receives the pictures placeholder images are filled with; `part` is the part being rendered.
    var images: ImageSink?
    /// Gives each copy of a section's body its own ids.
    var ids: UniqueIDs?
    /// A run a rich value opened for the template's text after it (DOCX), and what closes
    /// it: taken back if the next bytes close it at once, so it is not left empty.
    private var emptyRun: (at: Int, close: [UInt8])?
    /// A list a rich value left open (ODF bullets), closed after the paragraph's end tag
    /// in the template's bytes that follow.
    private var closeAfter: (marker: [UInt8], insert: [UInt8])?
    var part = ""
    /// What the names of styles a shaped table needs start with (the part's, see `PartPlan`).
    var stylePrefix = RichStyles.defaultTextStylePrefix
    /// The styles shaped tables of the part being rendered need, by name (ODF column widths).
    var tableStyles: [String: [UInt8]] = [:]
    /// The bytes the part being rendered may take (its buffer's limit), for the message.
    var bound = OutputLimits().bound(spoken: 0)

    init(options: RenderOptions, filters: FilterSet) { evaluator = ValueEvaluator(options: options, filters: filters) }

    mutating func render(_ nodes: [PlanNode], context: inout ContextStack, into out: OutputBuffer) {
        for node in nodes {
            // Past the bound nothing more is written: the render stops (`output_too_large`).
            if out.overflowed { return }
            let resumed = emptyRun
            emptyRun = nil
            switch node {
            case .bytes(let bytes):
                if let resumed, bytes.starts(with: resumed.close) {
                    out.truncate(to: resumed.at)
                    bytes.withUnsafeBufferPointer { out.append(UnsafeBufferPointer(rebasing: $0[resumed.close.count...])) }
                } else if let close = closeAfter, let k = ByteSearch.firstIndex(of: close.marker, in: bytes) {
                    let end = k + close.marker.count
                    bytes.withUnsafeBufferPointer { out.append(UnsafeBufferPointer(rebasing: $0[..<end])) }
                    out.append(close.insert)
                    bytes.withUnsafeBufferPointer { out.append(UnsafeBufferPointer(rebasing: $0[end...])) }
                    closeAfter = nil
                } else {
                    out.append(bytes)
                }
            case .value(let slot):
                let value = evaluator.evaluate(slot.tag, in: context, at: slot.location)
                if let markup = value.richSource, let site = slot.context.rich {
                    let after = RichTextWriter(site: site, context: slot.context, part: part, sink: images).write(RichText.parse(markup), into: out)
                    emptyRun = after.emptyRun
                    if let close = after.closeAfter { closeAfter = close }
                } else {
                    let text = evaluator.text(of: value, tag: slot.tag, in: context, at: slot.location)
                    Self.writeText(text, context: slot.context, into: out)
                }
                noteOverflow(of: out, tag: slot.tag, at: slot.location, in: context)
            case .image(let slot):
                let value = evaluator.evaluate(slot.tag, in: context, at: slot.location)
                images?.write(slot, value: value, part: part, context: context, evaluator: &evaluator, into: out)
                noteOverflow(of: out, tag: slot.tag, at: slot.location, in: context)
            case .section(let slot, let body):
                let value = evaluator.evaluate(slot.tag, in: context, at: slot.location)
                SectionExpansion.expand(value, inverted: slot.tag.kind == .invertedOpen, name: slot.tag.path, context: &context) { ctx in
                    // The remaining items cost a push and a pop each, nothing more.
                    guard !out.overflowed else { return }
                    ids?.enterCopy()
                    render(body, context: &ctx, into: out)
                    ids?.leaveCopy()
                    noteOverflow(of: out, tag: slot.tag, at: slot.location, in: ctx)
                }
            case .guarded(let guardKind, let open, let body, let close):
                let start = out.count
                counters.append(0)
                out.append(open)
                render(body, context: &context, into: out)
                let emitted = counters.removeLast()
                if emitted == 0 {
                    switch guardKind {
                    case .dropIfNoRows:
                        out.truncate(to: start)
                        continue
                    case .paragraphIfEmpty(let paragraph):
                        out.append(paragraph)
                    }
                }
                out.append(close)
            case .counted(let body):
                if !counters.isEmpty { counters[counters.count - 1] += 1 }
                render(body, context: &context, into: out)
            case .shapedTable(let slot, let body):
                let start = out.count
                render(body, context: &context, into: out)
                guard !out.overflowed, out.count > start else { continue }
                let rendered = Array(UnsafeBufferPointer(start: out.base + start, count: out.count - start))
                guard let shaped = TableShaper(slot: slot, stylePrefix: stylePrefix).shape(rendered) else { continue }
                out.truncate(to: start)
                out.append(shaped.bytes)
                tableStyles.merge(shaped.styles) { a, _ in a }
            case .cellSpan(let slot):
                let value = evaluator.evaluate(slot.tag, in: context, at: slot.location)
                let text = evaluator.text(of: value, tag: slot.tag, in: context, at: slot.location)
                out.append(CellSpanMark.markup(slot.tag.cellSpan ?? .colspan, text: text))
            case .uniqueID(let slot):
                let id = ids?.id(for: slot.original, space: slot.space) ?? slot.original
                var escaped: [UInt8] = []
                XMLWriter.escapeAttribute(id, into: &escaped)
                out.append(escaped)
            }
        }
    }

    /// Reports `output_too_large` at the innermost tag whose rendering crossed the bound
    /// (once: the tags around it see the mark already reported), with the list item it was
    /// rendering.
    private mutating func noteOverflow(of out: OutputBuffer, tag: TemplateTag, at location: SourceLocation, in context: ContextStack) {
        guard out.overflowed, !overflowReported else { return }
        overflowReported = true
        evaluator.report(Diagnostic(Self.tooLarge, bound.message(tag: tag.shortSource, part: location.part), at: location), in: context)
    }

    private var overflowReported = false

    /// The `output_too_large` error of a part whose buffer overflowed: only it, since the
    /// render stopped there (problems after it were never met). A crossing outside every
    /// section and value (the template's own bytes) is placed at the part.
    func overflow(file: String) -> DocFillError {
        var d = evaluator.diagnostics.first { $0.code == Self.tooLarge }
            ?? Diagnostic(Self.tooLarge, bound.message(tag: nil, part: part), at: SourceLocation(part: part))
        if d.location.file == nil { d.location.file = file }
        return DocFillError([d])
    }
    static let tooLarge = "output_too_large"

    static let ampersand = Array("&amp;".utf8), lessThan = Array("&lt;".utf8), greaterThan = Array("&gt;".utf8)


    /// Writes a value as document text: XML-escaped, characters XML 1.0 forbids dropped,
    /// line breaks and tabs as the format's markup, and (ODF) runs of spaces as `text:s`.
    static func writeText(_ text: String, context: TextContext, into out: OutputBuffer) {
        var text = text
        text.withUTF8 { writeText($0, context: context, into: out) }
    }

    static func writeText(_ bytes: UnsafeBufferPointer<UInt8>, context: TextContext, into out: OutputBuffer) {
        // Bytes that need no care are written in runs, one copy per run: values are mostly
        // plain text, and a call per byte made this the largest cost of a render.
        let collapsesSpaces = context.spacePrefix != nil
        var pendingSpaces = 0, atStart = true
        var run = 0   // where the literal bytes not yet written start
        var i = 0
        func writeRun(to end: Int) {
            if pendingSpaces > 0 {
                writeSpaces(pendingSpaces, atStart: atStart, prefix: context.spacePrefix, into: out)
                pendingSpaces = 0
            }
            if run < end {
                out.append(UnsafeBufferPointer(rebasing: bytes[run..<end]))
                atStart = false
            }
        }
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x20 {
                if !collapsesSpaces { i += 1; continue }
                if run < i { writeRun(to: i) }   // spaces before it first; a run of spaces stays pending
                pendingSpaces += 1
                i += 1; run = i
                continue
            }
            guard XMLTextCharacters.needsCare(b, at: i, in: bytes) else { i += 1; continue }
            writeRun(to: i)
            atStart = false
            i += 1
            switch b {
            case 0x0D, 0x0A:
                if b == 0x0D, i < bytes.count, bytes[i] == 0x0A { i += 1 }
                out.append(context.lineBreak); atStart = true
            case 0x09: out.append(context.tab)
            case 0x26: out.append(Self.ampersand)
            case 0x3C: out.append(Self.lessThan)
            case 0x3E: out.append(Self.greaterThan)
            case 0xC2: i += 1      // a C1 control (U+0080–U+009F): allowed, but Word shows boxes
            case 0xEF: i += 2      // U+FFFE and U+FFFF are not allowed in XML 1.0
            default: break         // other controls are not allowed in XML 1.0; DEL is discouraged
            }
            run = i
        }
        writeRun(to: bytes.count)
    }

    /// A run of spaces: literal, or (ODF, which collapses spaces) as `TextSpaces` says.
    private static func writeSpaces(_ count: Int, atStart: Bool, prefix: String?, into out: OutputBuffer) {
        guard let prefix else {
            for _ in 0..<count { out.append(0x20) }
            return
        }
        let (literal, encoded) = TextSpaces.split(count, afterText: !atStart)
        for _ in 0..<literal { out.append(0x20) }
        if encoded > 0 { out.append(TextSpaces.markup(encoded: encoded, prefix: prefix)) }
    }
}
