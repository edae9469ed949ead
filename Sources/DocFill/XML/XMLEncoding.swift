/// XML in UTF-16 (allowed by XML 1.0, and written by some tools): turned into UTF-8 before
/// parsing, because libxml2's push parser fails on a UTF-16 declaration fed in slices, and
/// because the rest of the engine (the attribute pre-scan, tag lexing) reads UTF-8 bytes.
/// The parser is then told to ignore the declared encoding; the rendered part is written
/// with a UTF-8 declaration.
enum XMLEncoding {
    enum Endianness { case little, big }

    /// UTF-16 by its byte order mark, or by `<?` encoded in two bytes each (XML 1.0, F.1).
    static func utf16(_ bytes: some Collection<UInt8>) -> Endianness? {
        let head = Array(bytes.prefix(4))
        if head.starts(with: [0xFF, 0xFE]) || head.starts(with: [0x3C, 0x00, 0x3F, 0x00]) { return .little }
        if head.starts(with: [0xFE, 0xFF]) || head.starts(with: [0x00, 0x3C, 0x00, 0x3F]) { return .big }
        return nil
    }

    /// The UTF-8 bytes of UTF-16 XML (without its byte order mark); nil when a code unit
    /// sequence is invalid (a lone surrogate) or the length is odd — `stoppingOnError`
    /// then leaves it to the parser to report on the original bytes. A truncated `head`
    /// (`partial`) drops its last incomplete character instead.
    static func utf8(from bytes: some Collection<UInt8>, _ order: Endianness, partial: Bool = false) -> [UInt8]? {
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var iterator = bytes.makeIterator()
        while let a = iterator.next() {
            guard let b = iterator.next() else { if partial { break } else { return nil } }
            units.append(order == .little ? UInt16(a) | UInt16(b) << 8 : UInt16(a) << 8 | UInt16(b))
        }
        if units.first == 0xFEFF { units.removeFirst() }
        if partial, let last = units.last, (0xD800...0xDBFF).contains(last) { units.removeLast() }
        var out: [UInt8] = []
        out.reserveCapacity(units.count * 3 / 2)
        let failed = transcode(units.makeIterator(), from: UTF16.self, to: UTF8.self, stoppingOnError: true) { out.append($0) }
        return failed ? nil : out
    }
}
