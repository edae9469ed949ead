/// Parses the inline markup of one block. A marker opens only when followed by a
/// non-space and closed later by the same marker after a non-space (so `2 * 3 * 4` stays
/// text); marks nest by recursion, at most one level per kind of marker, so the depth is
/// bounded. An opener whose closer never comes stays text and is a problem, except `^`/`~`
/// (superscript and subscript hold no spaces, as in Pandoc: `~5 km` is not markup) and `[`
/// without `](` (`[1]` is a reference, not a link).
///
/// Links as in CommonMark: the link text ends at the `]` matching its `[` (brackets nest),
/// the address at the `)` matching its `(` (parentheses nest; `\)` is a `)`). A link's
/// bounds are hard: a mark opened inside its text closes inside it or stays text, and one
/// opened before it cannot close inside it.
///
/// It reads the block's UTF-8 bytes: every marker is ASCII, and a byte below 0x80 is
/// never part of another character, so a place is a byte offset and plain stretches are
/// copied from the bytes in one piece (a `Character` array cost a grapheme break search per
/// character, three times the whole render of a report). Only spaces look past ASCII.
///
/// Linear in practice, n·log n at worst: where a marker can close is found by a binary
/// search in its places, listed once per block, and no stretch is parsed twice in the same
/// state (`outcomes`); an attempt given up is undone by truncating `pieces` and `problems`.
struct InlineParser {
    private let bytes: [UInt8]
    private let start: Int
    /// The block's end.
    private let blockEnd: Int
    /// Where parsing stops: the block's end, or the end of the link text being parsed.
    private var end: Int
    private var i: Int
    private(set) var problems: [RichTextProblem] = []
    /// The runs as emitted, one piece per emit, joined only at the end: undoing an attempt
    /// is then a truncation, where copying the runs made every attempt cost the whole text.
    private var pieces: [RichRun] = []
    /// For each searched string and whether it must follow a non-space (a closer), its
    /// unescaped places in the block, ascending; listed on first use.
    private var places: [Place: [Int]] = [:]
    /// Where parsing in a state (place, closer, marks, where it must stop) ends: after the closer,
    /// or -1 at the block's end without it. Parsing is determined by that state, so a later
    /// attempt reaching a place an earlier one passed ends as it did: a text of many openers
    /// that never close (`*a **b *a **b …`) is not parsed once per opener.
    private var outcomes: [State: Int] = [:]

    private struct Place: Hashable { let text: String; let afterNonSpace: Bool }
    /// A parse state. The closer is its index in `closers` (0: none), so hashing a state is
    /// hashing four small integers: a state is looked up at every marker character.
    private struct State: Hashable { let at: Int; let closer: Int; let marks: RichMarks; let end: Int }
    private static let closers: [String?] = [nil, "*", "**", "__", "~~", "^", "~"]
    /// For each `[` of the block, the `]` matching it (escaped brackets do not count);
    /// listed on first use, in one pass.
    private var matchingBracket: [Int: Int]?
    /// For each link address start (after `](`), how the address ends; found on first use,
    /// all in one pass, so a text of many unclosed addresses is not scanned once per link.
    private var destinations: [Int: Destination]?
    private enum Destination {
        /// The address (escapes removed) and the `)` closing it.
        case address(String, close: Int)
        /// The block ends before the address's `)`.
        case unclosed
        /// Not an address: a space inside it, or parentheses not balanced.
        case invalid
    }
    /// Where parsing can take another turn (a marker, a link's brackets, an escape); between
    /// them it only copies text, in one piece, and states are remembered at these alone.
    @inline(__always)
    private static func isTurn(_ c: UInt8) -> Bool {
        switch c {
        case UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "^"),
             UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "\\"): return true
        default: return false
        }
    }

    /// `bytes`: the whole value's UTF-8; the block is `start..<end` of it. Problems are
    /// reported at byte offsets (`RichText.parse` turns them into characters).
    init(_ bytes: [UInt8], from start: Int, to end: Int) {
        self.bytes = bytes; self.start = start; self.i = start; self.end = end; self.blockEnd = end
    }

    /// The bytes `a..<b` as a string (both ends at a character's start: next to ASCII).
    private func string(_ a: Int, _ b: Int) -> String { String(decoding: bytes[a..<b], as: UTF8.self) }

    /// One ASCII byte as a string.
    private static func string(_ byte: UInt8) -> String { String(UnicodeScalar(byte)) }

    /// Whether the character at byte `k` is a space (Unicode's white space, as
    /// `Character.isWhitespace`); false inside a character.
    @inline(__always)
    private func isSpace(at k: Int) -> Bool {
        let b = bytes[k]
        if b < 0x80 { return b == 0x20 || (b >= 0x09 && b <= 0x0D) }
        return b & 0xC0 != 0x80 && Self.scalar(in: bytes, at: k).properties.isWhitespace
    }

    /// Whether the character ending right before byte `k` is a space.
    @inline(__always)
    private func isSpace(before k: Int) -> Bool {
        var j = k - 1
        while j > 0, bytes[j] & 0xC0 == 0x80 { j -= 1 }
        return isSpace(at: j)
    }

    /// The scalar whose UTF-8 starts at `k` (valid UTF-8: it came from a `String`).
    static func scalar(in bytes: [UInt8], at k: Int) -> Unicode.Scalar {
        let b = bytes[k]
        let (length, bits): (Int, UInt32) = b < 0xE0 ? (2, UInt32(b & 0x1F)) : b < 0xF0 ? (3, UInt32(b & 0x0F)) : (4, UInt32(b & 0x07))
        var value = bits
        for n in 1..<length where k + n < bytes.count { value = value << 6 | UInt32(bytes[k + n] & 0x3F) }
        return Unicode.Scalar(value) ?? " "
    }

    /// The block's runs, neighbours with equal marks and link joined.
    mutating func parse() -> [RichRun] {
        _ = parseUntil(nil, marks: [], link: nil)
        var runs: [RichRun] = []
        for piece in pieces {
            if let last = runs.last, last.marks == piece.marks, last.link == piece.link { runs[runs.count - 1].text += piece.text }
            else { runs.append(piece) }
        }
        return runs
    }

    private static let doubles: [(String, RichMarks)] = [("**", .bold), ("__", .underline), ("~~", .strike)]
    private static let singles: [(String, RichMarks)] = [("*", .italic), ("^", .superscript), ("~", .subscript)]
    /// Doubles first: `**` is bold, not two italics.
    private static let markers = doubles + singles
    static let schemes = ["http://", "https://", "mailto:"]

    /// Parses runs until `closer` (consumed) or `end`; returns where the closer ended, nil
    /// at `end`.
    private mutating func parseUntil(_ closer: String?, marks: RichMarks, link: String?) -> Int? {
        var passed: [State] = []
        func finish(_ outcome: Int) -> Int? {
            for state in passed { outcomes[state] = outcome }
            return outcome < 0 ? nil : outcome
        }
        // Markup holds something: a closer right at the start (`^^x^^`, `****`, `[](…)`)
        // closes nothing, or the markers and an empty link's address would vanish. What
        // happens at the start differs from the same state further on, so it is not remembered.
        let contentStart = i, closerCode = Self.closers.firstIndex(of: closer) ?? 0
        while i < end {
            guard Self.isTurn(bytes[i]) else {
                var j = i + 1
                while j < end, !Self.isTurn(bytes[j]) { j += 1 }
                emit(string(i, j), marks, link); i = j
                continue
            }
            if closer != nil, i > contentStart {
                let state = State(at: i, closer: closerCode, marks: marks, end: end)
                if let known = outcomes[state], known < 0 { return finish(known) }
                passed.append(state)
            }
            let c = bytes[i]
            if c == UInt8(ascii: "\\"), i + 1 < end, Self.isEscapable(bytes[i + 1]) {
                emit(Self.string(bytes[i + 1]), marks, link); i += 2; continue
            }
            if let closer, i > contentStart, at(closer), closes(closer) {
                // `*a **b** c*`: a double marker inside a single one opens when it closes later.
                let doubled = closer.utf8.count == 1 && at(closer + closer) && canOpen(closer + closer, tight: false)
                if !doubled { i += closer.utf8.count; return finish(i) }
            }
            if c != UInt8(ascii: "["), c != UInt8(ascii: "]"), tryMark(marks: marks, link: link) { continue }
            if c == UInt8(ascii: "["), link == nil, tryLink(marks: marks) { continue }
            emit(Self.string(c), marks, link); i += 1
        }
        return finish(-1)
    }

    /// An opening marker at `i`, parsed with its content; false if there is none.
    private mutating func tryMark(marks: RichMarks, link: String?) -> Bool {
        // Superscript and subscript exclude each other (one vertical position).
        let excluded = marks.union(marks.contains(.superscript) ? .subscript : []).union(marks.contains(.subscript) ? .superscript : [])
        for (marker, mark) in Self.markers where at(marker) && !excluded.contains(mark) {
            let tight = mark == .superscript || mark == .subscript
            guard canOpen(marker, tight: tight) else {
                // Followed by a non-space but never closed: the author meant markup.
                if !tight, i + marker.utf8.count < end, !isSpace(at: i + marker.utf8.count) {
                    let crossing = end < blockEnd && next(Place(text: marker, afterNonSpace: true), from: end) != nil
                    report(crossing ? "'\(marker)' is not closed inside its link (a mark cannot cross a link's bounds): it stays as text"
                                    : "'\(marker)' is not closed: it stays as text")
                    emit(marker, marks, link); i += marker.utf8.count
                    return true
                }
                continue
            }
            let opener = i, emitted = pieces.count
            i += marker.utf8.count
            if parseUntil(marker, marks: marks.union(mark), link: link) != nil { return true }
            // The closer was taken by markup inside: the marker is text after all.
            pieces.removeSubrange(emitted...); i = opener
            report("'\(marker)' is not closed: it stays as text")
            emit(marker, marks, link); i += marker.utf8.count
            return true
        }
        return false
    }

    /// `[text](url)` at `i`; a target other than http, https or mailto leaves it all text.
    private mutating func tryLink(marks: RichMarks) -> Bool {
        // Empty link text is no link (`[](url)`: the address would vanish).
        guard let middle = bracket(matching: i), middle > i + 1, middle + 1 < end, bytes[middle + 1] == UInt8(ascii: "(") else { return false }
        let target: String, close: Int
        switch destination(at: middle + 2) {
        case .address(let address, let at): (target, close) = (address, at)
        case .unclosed: report("'[…](' has no ')': it stays as text"); return false
        case .invalid: return false
        }
        // An address with a character XML cannot carry stays text, like one with a space:
        // dropping the character would link somewhere else (README, "Rich text from data").
        guard Self.schemes.contains(where: { target.lowercased().hasPrefix($0) }),
              !XMLTextCharacters.dropsCharacters(of: target) else {
            return false
        }
        // The text is parsed up to its `]` alone: what opens inside closes inside.
        let outer = end
        end = middle; i += 1
        _ = parseUntil(nil, marks: marks, link: target)
        end = outer; i = close + 1
        return true
    }

    /// The `]` matching the `[` at `k`, if any.
    private mutating func bracket(matching k: Int) -> Int? {
        if let matchingBracket { return matchingBracket[k] }
        var found: [Int: Int] = [:], open: [Int] = []
        var j = start
        while j < blockEnd {
            if bytes[j] == UInt8(ascii: "\\") { j += 2; continue }
            if bytes[j] == UInt8(ascii: "[") { open.append(j) } else if bytes[j] == UInt8(ascii: "]"), let o = open.popLast() { found[o] = j }
            j += 1
        }
        matchingBracket = found
        return found[k]
    }

    /// How the address starting at `k` (right after `](`) ends. All addresses of the block
    /// are read in one pass: an address ends at the first `)` at the depth of parentheses
    /// it started at, so the starts waiting for their `)` form a stack by depth.
    private mutating func destination(at k: Int) -> Destination {
        if let destinations { return destinations[k] ?? .invalid }
        var result: [Int: Destination] = [:]
        // Each start, past the spaces (and one line end) CommonMark allows before the address.
        var starts: [Int: [Int]] = [:]
        for close in (matchingBracket ?? [:]).values where close + 1 < blockEnd && bytes[close + 1] == UInt8(ascii: "(") {
            var s = close + 2
            while s < blockEnd, isSpace(at: s) { s += 1 }
            starts[s, default: []].append(close + 2)
        }
        var waiting: [(start: Int, address: Int, depth: Int)] = []
        var depth = 0, j = starts.keys.min() ?? blockEnd
        func unescaped(_ a: Int, _ b: Int) -> String {
            var out: [UInt8] = [], m = a
            while m < b {
                if bytes[m] == UInt8(ascii: "\\"), m + 1 < b, Self.isEscapable(bytes[m + 1]) { m += 1 }
                out.append(bytes[m]); m += 1
            }
            return String(decoding: out, as: UTF8.self)
        }
        while j < blockEnd {
            for s in starts[j] ?? [] { waiting.append((s, j, depth)) }
            let c = bytes[j]
            if c == UInt8(ascii: "\\"), j + 1 < blockEnd, Self.isEscapable(bytes[j + 1]) { j += 2; continue }
            if c == UInt8(ascii: "(") { depth += 1 }
            else if c == UInt8(ascii: ")") {
                while let last = waiting.last, last.depth == depth {
                    result[last.start] = .address(unescaped(last.address, j), close: j); waiting.removeLast()
                }
                depth -= 1
            } else if isSpace(at: j) {
                // The address ends: only spaces may stand before its `)`.
                var after = j
                while after < blockEnd, isSpace(at: after) { after += 1 }
                for w in waiting {
                    let closed = w.depth == depth && after < blockEnd && bytes[after] == UInt8(ascii: ")")
                    result[w.start] = closed ? .address(unescaped(w.address, j), close: after) : .invalid
                }
                waiting = []
            }
            j += 1
        }
        for w in waiting { result[w.start] = .unclosed }
        destinations = result
        return result[k] ?? .invalid
    }

    /// A character a backslash escapes: ASCII punctuation, as in CommonMark.
    private static func isEscapable(_ c: UInt8) -> Bool {
        (0x21...0x2F).contains(c) || (0x3A...0x40).contains(c) || (0x5B...0x60).contains(c) || (0x7B...0x7E).contains(c)
    }

    private func at(_ marker: String) -> Bool { matches(marker, at: i) }

    /// A closer at `i` follows a non-space.
    private func closes(_ marker: String) -> Bool { i > 0 && !isSpace(before: i) }

    /// Whether the marker at `i` opens: a non-space follows and a closer comes later (for
    /// `tight` markers, before any space).
    private mutating func canOpen(_ marker: String, tight: Bool) -> Bool {
        let length = marker.utf8.count, first = i + length
        guard first < end, !isSpace(at: first) else { return false }
        guard tight else { return next(Place(text: marker, afterNonSpace: true), from: first + 1).map { $0 + length <= end } ?? false }
        // Not past the next space: short.
        var k = first + 1
        while k + length <= end {
            if isSpace(at: k) { return false }
            if bytes[k] == UInt8(ascii: "\\") { k += 2; continue }
            if matches(marker, at: k), !isSpace(before: k) { return true }
            k += 1
        }
        return false
    }

    private func matches(_ marker: String, at k: Int, within limit: Int? = nil) -> Bool {
        var j = k
        let limit = limit ?? end
        for m in marker.utf8 { guard j < limit, bytes[j] == m else { return false }; j += 1 }
        return true
    }

    /// The first place of `place` at or after `from`, by binary search in its list.
    private mutating func next(_ place: Place, from: Int) -> Int? {
        let list = places[place] ?? list(place)
        var low = 0, high = list.count
        while low < high {
            let mid = (low + high) / 2
            if list[mid] < from { low = mid + 1 } else { high = mid }
        }
        return low < list.count ? list[low] : nil
    }

    /// Lists the unescaped places of a string in the block (a backslash takes the character
    /// after it), in one pass.
    private mutating func list(_ place: Place) -> [Int] {
        var found: [Int] = []
        var k = start
        while k < blockEnd {
            if bytes[k] == UInt8(ascii: "\\") { k += 2; continue }
            if matches(place.text, at: k, within: blockEnd), !place.afterNonSpace || (k > 0 && !isSpace(before: k)) { found.append(k) }
            k += 1
        }
        places[place] = found
        return found
    }

    private mutating func report(_ message: String) {
        problems.append(RichTextProblem(offset: i, message: message))
    }

    private mutating func emit(_ text: String, _ marks: RichMarks, _ link: String?) {
        pieces.append(RichRun(text, marks: marks, link: link))
    }
}
