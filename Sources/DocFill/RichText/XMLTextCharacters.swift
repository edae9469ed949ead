/// The bytes of UTF-8 text that XML text cannot carry as they are: what the text writer
/// escapes, drops or turns into markup. It lives here, at the lowest rank, because the
/// rich-text parser needs the same rule (a link address holding such a character stays
/// text) and the renderer, a folder above, writes every value by it.
enum XMLTextCharacters {
    /// Whether the text writer (`PlanRenderer.writeText`) would drop characters of `text` (controls other than tab and line
    /// ends, DEL, C1 controls, U+FFFE, U+FFFF). Where dropping would change a meaning, as in
    /// a link's address, such text is refused instead; one rule with the one that drops them.
    static func dropsCharacters(of text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            bytes.indices.contains { i in
                let b = bytes[i]
                // Escaped or written as markup, not dropped.
                let kept = b == 0x09 || b == 0x0A || b == 0x0D || b == 0x26 || b == 0x3C || b == 0x3E
                return !kept && needsCare(b, at: i, in: bytes)
            }
        }
    }

    /// Whether the byte at `i` is escaped, dropped or turned into markup rather than copied.
    @inline(__always)
    static func needsCare(_ b: UInt8, at i: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        switch b {
        case 0x21...0x7E: return b == 0x26 || b == 0x3C || b == 0x3E
        case 0xC2: return i + 1 < bytes.count && bytes[i + 1] >= 0x80 && bytes[i + 1] <= 0x9F
        case 0xEF: return i + 2 < bytes.count && bytes[i + 1] == 0xBF && (bytes[i + 2] == 0xBE || bytes[i + 2] == 0xBF)
        case 0x80...0xFF: return false
        default: return true    // controls and DEL
        }
    }
}
