import Foundation
import OfficialReport

// Test support: templates now print the markers as rich text (ReportText); the coverage
// test still compares the seed's words without its markers, which this strips.

extension ReportFormat {
    /// The seed's text carries emphasis as `*…*`, `**…**` and `<i>…</i>`; templates print plain
    /// text in the paragraph's own style, so the markers are dropped (the words stay).
    ///
    /// Steps: every `<i>`, then every `</i>`, is removed; then `**x**` becomes `x`, then `*x*`
    /// does, where x starts and ends with a non-space and does not run over a line end (the
    /// regular expressions `\*\*(\S(?:.*?\S)?)\*\*` and `\*(\S(?:.*?\S)?)\*`, each one
    /// left-to-right pass that does not rescan its output).
    ///
    /// The emphasis is matched by hand rather than with NSRegularExpression on an
    /// NSMutableString (what this did before, and the reference its tests compare with):
    /// bridging each paragraph to NSString and back cost more than the rest of the report
    /// view. The replacements are still made the way NSMutableString makes them, so the text
    /// is the same in every case (see `replacing(_:in:)`).
    static func plain(_ text: String) -> String {
        // Byte checks first: most paragraphs have no marker at all, and the italic tags are
        // rare enough for Foundation's (costly) search to be used only where they are.
        var text = text
        for tag in ["<i>", "</i>"] where holds(text, tag) {
            text = text.replacingOccurrences(of: tag, with: "")
        }
        for stars in [2, 1] where text.utf8.contains(UInt8(ascii: "*")) {
            text = replacing(emphasis(stars: stars, in: text), in: text)
        }
        return text
    }

    /// One match of an emphasis pattern, in UTF-16 offsets (as NSString counts).
    struct EmphasisMatch {
        var whole: Range<Int>
        /// The text between the star runs, which replaces the match.
        var kept: Range<Int>
    }

    /// Each run of `stars` stars, a non-space, then (lazily) anything up to a non-space followed
    /// by another run, left to right without overlaps: what the regular expression finds.
    static func emphasis(stars: Int, in text: String) -> [EmphasisMatch] {
        let s = Array(text.unicodeScalars)
        func starsAt(_ i: Int) -> Bool { i + stars <= s.count && s[i..<(i + stars)].allSatisfy { $0 == "*" } }
        func solid(_ i: Int) -> Bool { i < s.count && !s[i].properties.isWhitespace }    // ICU's \S
        /// The end of the match starting at `i` and the end of its kept text, in scalars.
        func match(at i: Int) -> (end: Int, kept: Int)? {
            let first = i + stars
            guard starsAt(i), solid(first) else { return nil }
            // The longer form first (`(?:.*?\S)?` is greedy): its last non-space as early as
            // it can be, without `.*?` taking a line end.
            var last = first + 1
            while last < s.count {
                if last > first + 1, isLineEnd(s[last - 1]) { break }
                if solid(last), starsAt(last + 1) { return (last + 1 + stars, last + 1) }
                last += 1
            }
            return starsAt(first + 1) ? (first + 1 + stars, first + 1) : nil
        }
        var utf16Offset = [0]    // of each scalar, and the end
        utf16Offset.reserveCapacity(s.count + 1)
        for c in s { utf16Offset.append(utf16Offset.last! + UTF16.width(c)) }
        var matches: [EmphasisMatch] = [], i = 0
        while i < s.count {
            if let m = match(at: i) {
                matches.append(EmphasisMatch(whole: utf16Offset[i]..<utf16Offset[m.end],
                                             kept: utf16Offset[i + stars]..<utf16Offset[m.kept]))
                i = m.end
            } else {
                i += 1
            }
        }
        return matches
    }

    /// Each match replaced by its kept text, as `NSRegularExpression.replaceMatches` does it
    /// on an NSMutableString: in order, each range shifted by what the earlier replacements
    /// changed, its ends moved back to the start of the character they fall in (a star before
    /// a combining mark is not a character of its own), the shift then counted from the
    /// unmoved range.
    static func replacing(_ matches: [EmphasisMatch], in text: String) -> String {
        var out = text, shift = 0
        func at(_ offset: Int) -> String.Index {    // clamped: a shifted range can overrun
            let u = out.utf16
            return u.index(u.startIndex, offsetBy: min(max(offset, 0), u.count))
        }
        func characterStart(_ offset: Int) -> String.Index {
            let i = at(offset)
            if let whole = i.samePosition(in: out) { return whole }
            return at((out as NSString).rangeOfComposedCharacterSequence(at: out.utf16.distance(from: out.startIndex, to: i)).location)
        }
        for m in matches {
            let kept = String(out[at(m.kept.lowerBound + shift)..<at(m.kept.upperBound + shift)])
            out.replaceSubrange(characterStart(m.whole.lowerBound + shift)..<characterStart(m.whole.upperBound + shift), with: kept)
            shift += kept.utf16.count - m.whole.count
        }
        return out
    }

    /// Whether `text` holds `word`, byte for byte (`firstRange(of:)` is far slower: generic
    /// code that is not specialised here).
    private static func holds(_ text: String, _ word: String) -> Bool {
        let t = Array(text.utf8), w = Array(word.utf8)
        guard t.count >= w.count else { return false }
        return (0...(t.count - w.count)).contains { i in t[i] == w[0] && t[i..<(i + w.count)].elementsEqual(w) }
    }

    /// What `.` does not match in ICU regular expressions.
    private static func isLineEnd(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0x0A...0x0D, 0x85, 0x2028, 0x2029: return true
        default: return false
        }
    }
}
