/// The markup of well-formed XML bytes, tag by tag, without building anything: for a step that
/// needs only where some elements start and end (a rendered table's rows and cells) in bytes a
/// full parse would mostly spend on what it keeps verbatim. Comments, CDATA and the XML
/// declaration are skipped; text is not reported. It does not check well-formedness: what it
/// finds is parsed afterwards, and bytes it cannot follow end the scan (`scan` returns false).
enum XMLScanner {
    /// One piece of markup: where it starts (`<`) and ends (after `>`), and the bytes of its
    /// qualified name (for a processing instruction, its target).
    struct Tag {
        enum Kind { case start, empty, end, instruction }
        var kind: Kind
        var start: Int
        var end: Int
        var name: Range<Int>
    }

    /// Calls `body` with each start tag, empty-element tag, end tag and processing instruction
    /// in order, until it returns false; false when the bytes end inside markup.
    @discardableResult
    static func scan(_ bytes: UnsafeBufferPointer<UInt8>, _ body: (Tag) -> Bool) -> Bool {
        let lt = UInt8(ascii: "<"), gt = UInt8(ascii: ">"), slash = UInt8(ascii: "/")
        let question = UInt8(ascii: "?"), bang = UInt8(ascii: "!")
        let n = bytes.count
        var i = 0
        while i < n {
            guard bytes[i] == lt else { i += 1; continue }
            let start = i
            guard i + 1 < n else { return false }
            switch bytes[i + 1] {
            case question:
                guard let close = ByteSearch.firstIndex(of: [question, gt], in: bytes, from: i + 2) else { return false }
                let name = nameRange(bytes, from: i + 2, limit: close)
                if !(name.count == 3 && bytes[name.lowerBound] | 0x20 == UInt8(ascii: "x")) {
                    guard body(Tag(kind: .instruction, start: start, end: close + 2, name: name)) else { return true }
                }
                i = close + 2
            case bang:
                guard i + 3 < n else { return false }
                let comment = bytes[i + 2] == UInt8(ascii: "-") && bytes[i + 3] == UInt8(ascii: "-")
                let ending: [UInt8] = comment ? Array("-->".utf8) : bytes[i + 2] == UInt8(ascii: "[") ? Array("]]>".utf8) : [gt]
                guard let close = ByteSearch.firstIndex(of: ending, in: bytes, from: i + 2) else { return false }
                i = close + ending.count
            case slash:
                let name = nameRange(bytes, from: i + 2, limit: n)
                guard let close = ByteSearch.firstIndex(of: [gt], in: bytes, from: name.upperBound) else { return false }
                guard body(Tag(kind: .end, start: start, end: close + 1, name: name)) else { return true }
                i = close + 1
            default:
                let name = nameRange(bytes, from: i + 1, limit: n)
                // Attribute values may hold `>`: quoted strings are stepped over.
                var j = name.upperBound, quote: UInt8 = 0
                while j < n {
                    let b = bytes[j]
                    if quote != 0 { if b == quote { quote = 0 } }
                    else if b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") { quote = b }
                    else if b == gt { break }
                    j += 1
                }
                guard j < n else { return false }
                guard body(Tag(kind: bytes[j - 1] == slash ? .empty : .start, start: start, end: j + 1, name: name)) else { return true }
                i = j + 1
            }
        }
        return true
    }

    /// Whether the name at `range` is `qualified` (prefix included).
    static func name(_ range: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>, is qualified: [UInt8]) -> Bool {
        guard range.count == qualified.count else { return false }
        var k = 0
        for i in range { if bytes[i] != qualified[k] { return false }; k += 1 }
        return true
    }

    /// The local part of the name at `range` (after its colon).
    static func localName(_ range: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>) -> Range<Int> {
        var i = range.upperBound
        while i > range.lowerBound, bytes[i - 1] != UInt8(ascii: ":") { i -= 1 }
        return i..<range.upperBound
    }

    private static func nameRange(_ bytes: UnsafeBufferPointer<UInt8>, from: Int, limit: Int) -> Range<Int> {
        var j = from
        while j < limit {
            let b = bytes[j]
            if b == UInt8(ascii: " ") || b == UInt8(ascii: ">") || b == UInt8(ascii: "/") || b == UInt8(ascii: "\t")
                || b == UInt8(ascii: "\n") || b == UInt8(ascii: "\r") || b == UInt8(ascii: "?") { break }
            j += 1
        }
        return from..<j
    }
}
