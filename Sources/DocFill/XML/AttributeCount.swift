import Foundation

/// Counts the attributes and namespace declarations of each start tag in a part's raw bytes,
/// before libxml2 sees them: libxml2 checks each new attribute against the ones before it
/// (quadratic: 200,000 attributes on one element take 14 s), and it does so before the SAX
/// start-element callback could stop it. Word processors write fewer than 50 per element.
///
/// The scan is linear and cheap: text between tags, attribute values, comments, CDATA and
/// processing instructions are skipped with memchr. It counts the `=` signs of a start
/// tag outside quotes (one per attribute or declaration); it does not check well-formedness,
/// which stays libxml2's job. It stops at a DOCTYPE, which the parser refuses.
enum AttributeCount {
    /// The most attributes plus namespace declarations one element may carry.
    static let maxPerElement = 1_000

    /// The line and column (1-based, in bytes) of the first start tag over `limit`, or nil.
    static func firstElementOver(_ limit: Int, in bytes: UnsafeBufferPointer<UInt8>) -> (line: Int, column: Int)? {
        guard let base = bytes.baseAddress else { return nil }
        let end = bytes.count
        var i = 0
        func find(_ byte: UInt8, from: Int) -> Int? {
            guard from < end, let p = memchr(base + from, Int32(byte), end - from) else { return nil }
            return base.distance(to: p.assumingMemoryBound(to: UInt8.self))
        }
        /// The offset just after the next `needle` (a short ASCII terminator such as `-->`).
        func find(_ needle: StaticString, from: Int) -> Int? {
            let n = needle.utf8CodeUnitCount, first = needle.utf8Start.pointee
            var at = from
            while let hit = find(first, from: at) {
                guard hit + n <= end else { return nil }
                if memcmp(base + hit, needle.utf8Start, n) == 0 { return hit + n }
                at = hit + 1
            }
            return nil
        }
        while let open = find(UInt8(ascii: "<"), from: i) {
            let next = open + 1 < end ? bytes[open + 1] : 0
            switch next {
            case UInt8(ascii: "?"):
                guard let after = find("?>", from: open + 2) else { return nil }
                i = after
            case UInt8(ascii: "!"):
                if open + 3 < end, bytes[open + 2] == UInt8(ascii: "-"), bytes[open + 3] == UInt8(ascii: "-") {
                    guard let after = find("-->", from: open + 4) else { return nil }
                    i = after
                } else if open + 2 < end, bytes[open + 2] == UInt8(ascii: "[") {
                    guard let after = find("]]>", from: open + 2) else { return nil }
                    i = after
                } else {
                    return nil   // a DOCTYPE: refused by the parser before any element
                }
            case UInt8(ascii: "/"):
                guard let close = find(UInt8(ascii: ">"), from: open + 2) else { return nil }
                i = close + 1
            default:
                var count = 0
                var j = open + 1
                while j < end {
                    let b = bytes[j]
                    if b == UInt8(ascii: ">") { break }
                    if b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") {
                        guard let quote = find(b, from: j + 1) else { return nil }
                        j = quote + 1
                        continue
                    }
                    if b == UInt8(ascii: "=") {
                        count += 1
                        if count > limit { return place(of: open, in: bytes) }
                    }
                    j += 1
                }
                i = j + 1
            }
        }
        return nil
    }

    /// Counting lines only when a tag is refused keeps the scan itself free of that work.
    private static func place(of offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> (line: Int, column: Int) {
        var line = 1, lineStart = 0
        for k in 0..<offset where bytes[k] == UInt8(ascii: "\n") { line += 1; lineStart = k + 1 }
        return (line, offset - lineStart + 1)
    }
}
