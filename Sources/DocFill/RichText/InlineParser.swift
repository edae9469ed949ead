/// Parses the inline markup of one block. A marker opens only when followed by a
/// non-space and closed later by the same marker after a non-space (so `2 * 3 * 4` stays
/// text); marks nest by recursion, at most one level per kind of marker, so the depth is
/// bounded. An opener whose closer never comes stays text and is a problem, except `^`/`~`
/// (superscript and subscript hold no spaces, as in Pandoc: `~5 km` is not markup) and `[`
/// without `](` (`[1]` is a reference, not a link).
///
/// Linear in practice, n·log n at worst: where a marker can close is found by a binary
/// search in its places, listed once per block, and no stretch is parsed twice in the same
/// state (`outcomes`); an attempt given up is undone by truncating `pieces` and `problems`.
struct InlineParser {
    private let chars: [Character]
    private let start: Int
    private let end: Int
    private var i: Int
    private(set) var problems: [RichTextProblem] = []
    /// The runs as emitted, one piece per emit, joined only at the end: undoing an attempt
    /// is then a truncation, where copying the runs made every attempt cost the whole text.
    private var pieces: [RichRun] = []
    /// For each searched string and whether it must follow a non-space (a closer), its
    /// unescaped places in the block, ascending; listed on first use.
    private var places: [Place: [Int]] = [:]
    /// Where parsing in a state (place, closer, marks, inside a link) ends: after the closer,
    /// or -1 at the block's end without it. Parsing is determined by that state, so a later
    /// attempt reaching a place an earlier one passed ends as it did: a text of many openers
    /// that never close (`*a **b *a **b …`) is not parsed once per opener.
    private var outcomes: [State: Int] = [:]

    private struct Place: Hashable { let text: String; let afterNonSpace: Bool }
    /// A parse state. The closer is its index in `closers` (0: none), so hashing a state is
    /// hashing four small integers: a state is looked up at every marker character.
    private struct State: Hashable { let at: Int; let closer: Int; let marks: RichMarks; let inLink: Bool }
    private static let closers: [String?] = [nil, "*", "**", "__", "~~", "^", "~", "]"]
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
        self.chars = chars; self.start = start; self.i = start; self.end = end; self.text = text
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

    /// Parses runs until `closer` (consumed) or the end; returns where the closer ended, nil
    /// at the end. `onlyAt`: the one place the closer may end at for the caller (a link's
    /// `]`); once the outcome is known to be another, gives up at once (its runs unfinished).
    private mutating func parseUntil(_ closer: String?, marks: RichMarks, link: String?, onlyAt: Int? = nil) -> Int? {
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
                let state = State(at: i, closer: closerCode, marks: marks, inLink: link != nil)
                if let known = outcomes[state], known < 0 || (onlyAt != nil && known != onlyAt) { return finish(known) }
                passed.append(state)
            }
            let c = chars[i]
            if c == "\\", i + 1 < end, chars[i + 1].isASCII, chars[i + 1].isPunctuation || chars[i + 1].isSymbol {
                emit(String(chars[i + 1]), marks, link); i += 2; continue
            }
            if let closer, i > contentStart, at(closer), closes(closer) {
                // `*a **b** c*`: a double marker inside a single one opens when it closes later.
                let doubled = closer.count == 1 && at(closer + closer) && canOpen(closer + closer, tight: false)
                if !doubled { i += closer.count; return finish(i) }
            }
            if c != "[", c != "]", tryMark(marks: marks, link: link) { continue }
            if c == "[", link == nil, closer != "]", tryLink(marks: marks) { continue }
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
                    report("'\(marker)' is not closed: it stays as text")
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
        guard let middle = find("](", from: i + 1) else { return false }
        guard let close = find(")", from: middle + 2) else {
            report("'[…](' has no ')': it stays as text")
            return false
        }
        let target = String(chars[(middle + 2)..<close].drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
        // An address with a character XML cannot carry stays text, like one with a space:
        // dropping the character would link somewhere else (README, "Rich text from data").
        guard Self.schemes.contains(where: { target.lowercased().hasPrefix($0) }), !target.contains(where: \.isWhitespace),
              !XMLTextCharacters.dropsCharacters(of: target) else {
            return false
        }
        let opener = i, emitted = pieces.count, reported = problems.count
        i += 1
        guard parseUntil("]", marks: marks, link: target, onlyAt: middle + 1) == middle + 1 else {
            pieces.removeSubrange(emitted...); problems.removeSubrange(reported...); i = opener
            return false
        }
        i = close + 1
        return true
    }

    private func at(_ marker: String) -> Bool {
        var k = i
        for m in marker { guard k < end, chars[k] == m else { return false }; k += 1 }
        return true
    }

    /// A closer at `i` follows a non-space.
    private func closes(_ marker: String) -> Bool { marker == "]" || (i > 0 && !chars[i - 1].isWhitespace) }

    /// Whether the marker at `i` opens: a non-space follows and a closer comes later (for
    /// `tight` markers, before any space).
    private mutating func canOpen(_ marker: String, tight: Bool) -> Bool {
        let first = i + marker.count
        guard first < end, !chars[first].isWhitespace else { return false }
        guard tight else { return next(Place(text: marker, afterNonSpace: true), from: first + 1) != nil }
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

    private func matches(_ marker: String, at k: Int) -> Bool {
        var j = k
        for m in marker { guard j < end, chars[j] == m else { return false }; j += 1 }
        return true
    }

    private mutating func find(_ s: String, from start: Int) -> Int? { next(Place(text: s, afterNonSpace: false), from: start) }

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
        while k < end {
            if chars[k] == "\\" { k += 2; continue }
            if matches(place.text, at: k), !place.afterNonSpace || (k > 0 && !chars[k - 1].isWhitespace) { found.append(k) }
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
