/// Finding a run of bytes in bytes: the one loop the lexer, the tag scanner, the renderer and
/// the post-steps that look for markup in rendered parts share.
enum ByteSearch {
    /// The first place `pattern` occurs wholly inside `start..<end` (`end`: the end of `bytes`
    /// when nil); nil for an empty pattern.
    static func firstIndex(of pattern: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, from start: Int = 0, before end: Int? = nil) -> Int? {
        guard let first = pattern.first, start >= 0 else { return nil }
        let last = min(end ?? bytes.count, bytes.count) - pattern.count
        var i = start
        while i <= last {
            if bytes[i] == first {
                var k = 1
                while k < pattern.count && bytes[i + k] == pattern[k] { k += 1 }
                if k == pattern.count { return i }
            }
            i += 1
        }
        return nil
    }

    /// `firstIndex(of:in:from:before:)` over an array.
    static func firstIndex(of pattern: [UInt8], in bytes: [UInt8], from start: Int = 0, before end: Int? = nil) -> Int? {
        bytes.withUnsafeBufferPointer { firstIndex(of: pattern, in: $0, from: start, before: end) }
    }
}
