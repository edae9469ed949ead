/// Renders a compiled part with data: concatenates literal bytes and writes values as
/// escaped text. Problems (missing names in strict mode, filter failures) are collected.
struct PlanRenderer {
    var evaluator: ValueEvaluator
    private var counters: [Int] = []

    init(options: RenderOptions) { evaluator = ValueEvaluator(options: options) }

    mutating func render(_ nodes: [PlanNode], context: inout ContextStack, into out: inout [UInt8]) {
        for node in nodes {
            switch node {
            case .bytes(let bytes):
                out.append(contentsOf: bytes)
            case .value(let slot):
                let value = evaluator.evaluate(slot.tag, in: context, at: slot.location)
                let text = evaluator.text(of: value, tag: slot.tag, at: slot.location)
                Self.writeText(text, context: slot.context, into: &out)
            case .section(let slot, let body):
                let value = evaluator.evaluate(slot.tag, in: context, at: slot.location)
                SectionExpansion.expand(value, inverted: slot.tag.kind == .invertedOpen, context: &context) { ctx in
                    render(body, context: &ctx, into: &out)
                }
            case .guarded(let guardKind, let open, let body, let close):
                let start = out.count
                counters.append(0)
                out.append(contentsOf: open)
                render(body, context: &context, into: &out)
                let emitted = counters.removeLast()
                if emitted == 0 {
                    switch guardKind {
                    case .dropIfNoRows:
                        out.removeSubrange(start...)
                        continue
                    case .paragraphIfEmpty(let paragraph):
                        out.append(contentsOf: paragraph)
                    }
                }
                out.append(contentsOf: close)
            case .counted(let body):
                if !counters.isEmpty { counters[counters.count - 1] += 1 }
                render(body, context: &context, into: &out)
            }
        }
    }

    /// Writes a value as document text: XML-escaped, characters XML 1.0 forbids dropped,
    /// line breaks and tabs as the format's markup, and (ODF) runs of spaces as `text:s`.
    static func writeText(_ text: String, context: TextContext, into out: inout [UInt8]) {
        var pendingSpaces = 0
        var atStart = true
        func flushSpaces() {
            guard pendingSpaces > 0 else { return }
            if let prefix = context.spacePrefix {
                // ODF collapses spaces: keep one literal space unless it leads the text.
                var literal = atStart ? 0 : 1
                if literal > pendingSpaces { literal = pendingSpaces }
                out.append(contentsOf: [UInt8](repeating: 0x20, count: literal))
                let encoded = pendingSpaces - literal
                if encoded == 1 { out.append(contentsOf: Array("<\(prefix):s/>".utf8)) }
                else if encoded > 1 { out.append(contentsOf: Array("<\(prefix):s \(prefix):c=\"\(encoded)\"/>".utf8)) }
            } else {
                out.append(contentsOf: [UInt8](repeating: 0x20, count: pendingSpaces))
            }
            pendingSpaces = 0
        }
        let bytes = Array(text.utf8)
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
                out.append(contentsOf: context.lineBreak); atStart = true
            case 0x09: out.append(contentsOf: context.tab)
            case 0x26: out.append(contentsOf: [0x26, 0x61, 0x6D, 0x70, 0x3B])        // &amp;
            case 0x3C: out.append(contentsOf: [0x26, 0x6C, 0x74, 0x3B])              // &lt;
            case 0x3E: out.append(contentsOf: [0x26, 0x67, 0x74, 0x3B])              // &gt;
            case 0..<0x20:
                continue   // control characters are not allowed in XML 1.0
            case 0xEF where i + 1 < bytes.count && bytes[i] == 0xBF && (bytes[i + 1] == 0xBE || bytes[i + 1] == 0xBF):
                i += 2     // U+FFFE and U+FFFF are not allowed either
            default:
                out.append(b)
            }
        }
        flushSpaces()
    }
}
