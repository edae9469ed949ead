import Testing
@testable import DocFill

/// `PlanRenderer.writeText` copies plain bytes in runs. Its output must be what the rules say
/// byte by byte; the oracle here applies them one byte at a time, as the renderer once did.
struct TextWritingTests {
    static let docx = TextContext(lineBreak: Array("<BR/>".utf8), tab: Array("<TAB/>".utf8), spacePrefix: nil)
    static let odt = TextContext(lineBreak: Array("<BR/>".utf8), tab: Array("<TAB/>".utf8), spacePrefix: "text")

    /// The rules, one byte at a time.
    static func oracle(_ bytes: [UInt8], _ context: TextContext) -> [UInt8] {
        var out: [UInt8] = [], pending = 0, atStart = true, i = 0
        func flush() {
            guard pending > 0 else { return }
            if let p = context.spacePrefix {
                let literal = min(atStart ? 0 : 1, pending)
                out += [UInt8](repeating: 0x20, count: literal)
                let encoded = pending - literal
                if encoded == 1 { out += Array("<\(p):s/>".utf8) }
                if encoded > 1 { out += Array("<\(p):s \(p):c=\"\(encoded)\"/>".utf8) }
            } else {
                out += [UInt8](repeating: 0x20, count: pending)
            }
            pending = 0
        }
        while i < bytes.count {
            let b = bytes[i]; i += 1
            if b == 0x20 { pending += 1; continue }
            flush(); atStart = false
            switch b {
            case 0x0D, 0x0A:
                if b == 0x0D, i < bytes.count, bytes[i] == 0x0A { i += 1 }
                out += context.lineBreak; atStart = true
            case 0x09: out += context.tab
            case 0x26: out += Array("&amp;".utf8)
            case 0x3C: out += Array("&lt;".utf8)
            case 0x3E: out += Array("&gt;".utf8)
            case 0..<0x20, 0x7F: continue
            case 0xC2 where i < bytes.count && (0x80...0x9F).contains(bytes[i]): i += 1
            case 0xEF where i + 1 < bytes.count && bytes[i] == 0xBF && (bytes[i + 1] == 0xBE || bytes[i + 1] == 0xBF): i += 2
            default: out.append(b)
            }
        }
        flush()
        return out
    }

    static func written(_ bytes: [UInt8], _ context: TextContext) -> [UInt8] {
        let out = OutputBuffer(capacity: 16)
        bytes.withUnsafeBufferPointer { PlanRenderer.writeText($0, context: context, into: out) }
        return out.bytes
    }

    @Test(arguments: ["", " ", "   ", "a", " a", "a ", "  a  b   c  ", "Gap: a  b   c", "x\r\ny\rz\n w", "\t a&b<c>d",
                      "Phổ Hòa, ngày 15", "\u{85}\u{9F}\u{A0}x\u{FFFE}\u{FFFF}\u{FFFD}", "\u{1}\u{7F}a\u{1F} ", "\n  \n"])
    func examplesFollowTheRules(_ text: String) {
        for context in [Self.docx, Self.odt] {
            #expect(Self.written(Array(text.utf8), context) == Self.oracle(Array(text.utf8), context), "\(text.debugDescription)")
        }
    }

    /// Random byte strings drawn mostly from the bytes that need care, and cut UTF-8 sequences.
    @Test func randomBytesFollowTheRules() {
        var rng = PropertyTests.SeededRandom(seed: 20261129)
        let alphabet: [UInt8] = [0x20, 0x20, 0x20, 0x0A, 0x0D, 0x09, 0x26, 0x3C, 0x3E, 0x00, 0x1F, 0x7F, 0xC2, 0x85, 0x9F,
                                 0xA0, 0xEF, 0xBF, 0xBE, 0xBB, 0x61, 0x62, 0xE1, 0xBA, 0xA3]
        for _ in 0..<3_000 {
            let bytes = (0..<Int(rng.next() % 24)).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }
            for context in [Self.docx, Self.odt] {
                #expect(Self.written(bytes, context) == Self.oracle(bytes, context), "\(bytes)")
            }
        }
    }
}
