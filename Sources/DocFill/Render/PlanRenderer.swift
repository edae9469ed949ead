/// Renders a compiled part with data: concatenates literal bytes and writes values as
/// escaped text. Problems (missing names in strict mode, filter failures) are collected.
struct PlanRenderer {
    var evaluator: ValueEvaluator
    private var counters: [Int] = []
    /// Receives the pictures placeholder images are filled with; `part` is the part being rendered.
    var images: ImageSink?
    var part = ""

    init(options: RenderOptions) { evaluator = ValueEvaluator(options: options) }

    mutating func render(_ nodes: [PlanNode], context: inout ContextStack, into out: OutputBuffer) {
        for node in nodes {
            switch node {
            case .bytes(let bytes):
                out.append(bytes)
            case .value(let slot):
                let value = evaluator.evaluate(slot.tag, in: context, at: slot.location)
                let text = evaluator.text(of: value, tag: slot.tag, at: slot.location)
                Self.writeText(text, context: slot.context, into: out)
            case .image(let slot):
                let value = evaluator.evaluate(slot.tag, in: context, at: slot.location)
                images?.write(slot, value: value, part: part, evaluator: &evaluator, into: out)
            case .section(let slot, let body):
                let value = evaluator.evaluate(slot.tag, in: context, at: slot.location)
                SectionExpansion.expand(value, inverted: slot.tag.kind == .invertedOpen, context: &context) { ctx in
                    render(body, context: &ctx, into: out)
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
            }
        }
    }

    static let ampersand = Array("&amp;".utf8), lessThan = Array("&lt;".utf8), greaterThan = Array("&gt;".utf8)

    /// Writes a value as document text: XML-escaped, characters XML 1.0 forbids dropped,
    /// line breaks and tabs as the format's markup, and (ODF) runs of spaces as `text:s`.
    static func writeText(_ text: String, context: TextContext, into out: OutputBuffer) {
        var text = text
        text.withUTF8 { writeText($0, context: context, into: out) }
    }

    static func writeText(_ bytes: UnsafeBufferPointer<UInt8>, context: TextContext, into out: OutputBuffer) {
        var pendingSpaces = 0
        var atStart = true
        func flushSpaces() {
            guard pendingSpaces > 0 else { return }
            if let prefix = context.spacePrefix {
                // ODF collapses spaces: keep one literal space unless it leads the text.
                var literal = atStart ? 0 : 1
                if literal > pendingSpaces { literal = pendingSpaces }
                for _ in 0..<literal { out.append(0x20) }
                let encoded = pendingSpaces - literal
                if encoded == 1 { out.append(Array("<\(prefix):s/>".utf8)) }
                else if encoded > 1 { out.append(Array("<\(prefix):s \(prefix):c=\"\(encoded)\"/>".utf8)) }
            } else {
                for _ in 0..<pendingSpaces { out.append(0x20) }
            }
            pendingSpaces = 0
        }
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            i += 1
            if b == 0x20 { pendingSpaces += 1; continue }
            flushSpaces()
            atStart = false
            switch b {
            case 0x0D, 0x0A:
                if b == 0x0D, i < bytes.count, bytes[i] == 0x0A { i += 1 }
                out.append(context.lineBreak); atStart = true
            case 0x09: out.append(context.tab)
            case 0x26: out.append(Self.ampersand)
            case 0x3C: out.append(Self.lessThan)
            case 0x3E: out.append(Self.greaterThan)
            case 0..<0x20:
                continue   // control characters are not allowed in XML 1.0
            case 0x7F:
                continue   // DEL and the C1 controls are allowed but discouraged: Word shows boxes
            case 0xC2 where i < bytes.count && bytes[i] >= 0x80 && bytes[i] <= 0x9F:
                i += 1
            case 0xEF where i + 1 < bytes.count && bytes[i] == 0xBF && (bytes[i + 1] == 0xBE || bytes[i + 1] == 0xBF):
                i += 2     // U+FFFE and U+FFFF are not allowed either
            default:
                out.append(b)
            }
        }
        flushSpaces()
    }
}
