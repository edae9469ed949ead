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
/// Linear in practice, n·log n at worst: where a marker can close is found by a binary
/// search in its places, listed once per block, and no stretch is parsed twice in the same
/// state (`outcomes`); an attempt given up is undone by truncating `pieces` and `problems`.
struct InlineParser {
    private let chars: [Character]
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
    /// By ASCII value: comparing `Character`s is a string comparison each.
    @inline(__always)
    private static func isTurn(_ c: Character) -> Bool {
        switch c.asciiValue {
        case UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "^"),
             UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "\\"): return true
        default: return false
        }
    }

    /// The source's text and where each character starts in it (one more: its end), when
    /// a stretch of characters is the same text as that stretch of the source (no `\r\n`
    /// changed): plain stretches are then copied from it, not rebuilt character by character.
    private let text: (source: String, starts: [String.Index])?

    init(_ chars: [Character], from start: Int, to end: Int, text: (source: String, starts: [String.Index])? = nil) {
        self.chars = chars; self.start = start; self.i = start; self.end = end; self.blockEnd = end; self.text = text
    }

    /// The characters `a..<b` as a string.
    private func string(_ a: Int, _ b: Int) -> String {
        guard let text else { return String(chars[a..<b]) }
        return String(text.source[text.starts[a]..<text.starts[b]])
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
            guard Self.isTurn(chars[i]) else {
                var j = i + 1
                while j < end, !Self.isTurn(chars[j]) { j += 1 }
                emit(string(i, j), marks, link); i = j
                continue
            }
            if closer != nil, i > contentStart {
                let state = State(at: i, closer: closerCode, marks: marks, end: end)
                if let known = outcomes[state], known < 0 { return finish(known) }
                passed.append(state)
            }
            let c = chars[i]
            if c == "\\", i + 1 < end, Self.isEscapable(chars[i + 1]) {
                emit(String(chars[i + 1]), marks, link); i += 2; continue
            }
            if let closer, i > contentStart, at(closer), closes(closer) {
                // `*a **b** c*`: a double marker inside a single one opens when it closes later.
                let doubled = closer.count == 1 && at(closer + closer) && canOpen(closer + closer, tight: false)
                if !doubled { i += closer.count; return finish(i) }
            }
            if c != "[", c != "]", tryMark(marks: marks, link: link) { continue }
            if c == "[", link == nil, tryLink(marks: marks) { continue }
            emit(String(c), marks, link); i += 1
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
                if !tight, i + marker.count < end, !chars[i + marker.count].isWhitespace {
                    let crossing = end < blockEnd && next(Place(text: marker, afterNonSpace: true), from: end) != nil
                    report(crossing ? "'\(marker)' is not closed inside its link (a mark cannot cross a link's bounds): it stays as text"
                                    : "'\(marker)' is not closed: it stays as text")
                    emit(marker, marks, link); i += marker.count
                    return true
                }
                continue
            }
            let opener = i, emitted = pieces.count
            i += marker.count
            if parseUntil(marker, marks: marks.union(mark), link: link) != nil { return true }
            // The closer was taken by markup inside: the marker is text after all.
            pieces.removeSubrange(emitted...); i = opener
            report("'\(marker)' is not closed: it stays as text")
            emit(marker, marks, link); i += marker.count
            return true
        }
        return false
    }

    /// `[text](url)` at `i`; a target other than http, https or mailto leaves it all text.
    private mutating func tryLink(marks: RichMarks) -> Bool {
        // Empty link text is no link (`[](url)`: the address would vanish).
        guard let middle = bracket(matching: i), middle > i + 1, middle + 1 < end, chars[middle + 1] == "(" else { return false }
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
            if chars[j] == "\\" { j += 2; continue }
            if chars[j] == "[" { open.append(j) } else if chars[j] == "]", let o = open.popLast() { found[o] = j }
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
        for close in (matchingBracket ?? [:]).values where close + 1 < blockEnd && chars[close + 1] == "(" {
            var s = close + 2
            while s < blockEnd, chars[s].isWhitespace { s += 1 }
            starts[s, default: []].append(close + 2)
        }
        var waiting: [(start: Int, address: Int, depth: Int)] = []
        var depth = 0, j = starts.keys.min() ?? blockEnd
        func unescaped(_ a: Int, _ b: Int) -> String {
            var out = "", m = a
            while m < b {
                if chars[m] == "\\", m + 1 < b, Self.isEscapable(chars[m + 1]) { m += 1 }
                out.append(chars[m]); m += 1
            }
            return out
        }
        while j < blockEnd {
            for s in starts[j] ?? [] { waiting.append((s, j, depth)) }
            let c = chars[j]
            if c == "\\", j + 1 < blockEnd, Self.isEscapable(chars[j + 1]) { j += 2; continue }
            if c == "(" { depth += 1 }
            else if c == ")" {
                while let last = waiting.last, last.depth == depth {
                    result[last.start] = .address(unescaped(last.address, j), close: j); waiting.removeLast()
                }
                depth -= 1
            } else if c.isWhitespace {
                // The address ends: only spaces may stand before its `)`.
                var after = j
                while after < blockEnd, chars[after].isWhitespace { after += 1 }
                for w in waiting {
                    let closed = w.depth == depth && after < blockEnd && chars[after] == ")"
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
    private static func isEscapable(_ c: Character) -> Bool { c.isASCII && (c.isPunctuation || c.isSymbol) }

    private func at(_ marker: String) -> Bool {
        var k = i
        for m in marker { guard k < end, chars[k] == m else { return false }; k += 1 }
        return true
    }

    /// A closer at `i` follows a non-space.
    private func closes(_ marker: String) -> Bool { i > 0 && !chars[i - 1].isWhitespace }

    /// Whether the marker at `i` opens: a non-space follows and a closer comes later (for
    /// `tight` markers, before any space).
    private mutating func canOpen(_ marker: String, tight: Bool) -> Bool {
        let first = i + marker.count
        guard first < end, !chars[first].isWhitespace else { return false }
        guard tight else { return next(Place(text: marker, afterNonSpace: true), from: first + 1).map { $0 + marker.count <= end } ?? false }
        // Not past the next space: short.
        var k = first + 1
        while k + marker.count <= end {
            if chars[k].isWhitespace { return false }
            if chars[k] == "\\" { k += 2; continue }
            if matches(marker, at: k), !chars[k - 1].isWhitespace { return true }
            k += 1
        }
        return false
    }

    private func matches(_ marker: String, at k: Int, within limit: Int? = nil) -> Bool {
        var j = k
        let limit = limit ?? end
        for m in marker { guard j < limit, chars[j] == m else { return false }; j += 1 }
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
            if chars[k] == "\\" { k += 2; continue }
            if matches(place.text, at: k, within: blockEnd), !place.afterNonSpace || (k > 0 && !chars[k - 1].isWhitespace) { found.append(k) }
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
