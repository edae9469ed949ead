/// Parses the inline markup of one block. A marker opens only when followed by a
/// non-space and closed later by the same marker after a non-space (so `2 * 3 * 4` stays
/// text); marks nest by recursion, at most one level per kind of marker, so the depth is
/// bounded. An opener whose closer never comes stays text and is a problem, except `^`/`~`
/// (superscript and subscript hold no spaces, as in Pandoc: `~5 km` is not markup) and `[`
/// without `](` (`[1]` is a reference, not a link).
struct InlineParser {
    private let chars: [Character]
    private let end: Int
    private var i: Int
    private(set) var problems: [RichTextProblem] = []
    /// For each marker, a place from which on it is known not to occur: searching again past
    /// it would make a text of many unclosed markers quadratic.
    private var absentFrom: [String: Int] = [:]
    private var runs: [RichRun] = []

    init(_ chars: [Character], from start: Int, to end: Int) {
        self.chars = chars; self.i = start; self.end = end
    }

    /// The block's runs, neighbours with equal marks and link joined.
    mutating func parse() -> [RichRun] {
        _ = parseUntil(nil, marks: [], link: nil)
        return runs
    }

    private static let doubles: [(String, RichMarks)] = [("**", .bold), ("__", .underline), ("~~", .strike)]
    private static let singles: [(String, RichMarks)] = [("*", .italic), ("^", .superscript), ("~", .subscript)]
    static let schemes = ["http://", "https://", "mailto:"]

    /// Parses runs until `closer` (consumed; true) or the end (false).
    private mutating func parseUntil(_ closer: String?, marks: RichMarks, link: String?) -> Bool {
        while i < end {
            let c = chars[i]
            if c == "\\", i + 1 < end, chars[i + 1].isASCII, chars[i + 1].isPunctuation || chars[i + 1].isSymbol {
                emit(String(chars[i + 1]), marks, link); i += 2; continue
            }
            if let closer, at(closer), closes(closer) {
                // `*a **b** c*`: a double marker inside a single one opens when it closes later.
                let doubled = closer.count == 1 && at(closer + closer) && canOpen(closer + closer, tight: false)
                if !doubled { i += closer.count; return true }
            }
            if tryMark(marks: marks, link: link) { continue }
            if c == "[", link == nil, closer != "]", tryLink(marks: marks) { continue }
            emit(String(c), marks, link); i += 1
        }
        return false
    }

    /// An opening marker at `i`, parsed with its content; false if there is none.
    private mutating func tryMark(marks: RichMarks, link: String?) -> Bool {
        // Superscript and subscript exclude each other (one vertical position).
        let excluded = marks.union(marks.contains(.superscript) ? .subscript : []).union(marks.contains(.subscript) ? .superscript : [])
        for (marker, mark) in Self.doubles + Self.singles where at(marker) && !excluded.contains(mark) {
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
            let start = i, saved = runs
            i += marker.count
            if parseUntil(marker, marks: marks.union(mark), link: link) { return true }
            // The closer was taken by markup inside: the marker is text after all.
            runs = saved; i = start
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
              !PlanRenderer.dropsCharacters(of: target) else {
            return false
        }
        let saved = runs, start = i
        i += 1
        var inner = self
        inner.runs = []
        let closed = inner.parseUntil("]", marks: marks, link: target)
        guard closed, inner.i == middle + 1 else { runs = saved; i = start; return false }
        problems = inner.problems
        absentFrom = inner.absentFrom
        runs = saved
        for run in inner.runs { emit(run.text, run.marks, target) }
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
        if !tight, let absent = absentFrom[marker], absent <= first { return false }
        var k = first + 1
        while k + marker.count <= end {
            if tight && chars[k].isWhitespace { return false }
            if chars[k] == "\\" { k += 2; continue }
            if matches(marker, at: k), !chars[k - 1].isWhitespace { return true }
            k += 1
        }
        if !tight { absentFrom[marker] = min(absentFrom[marker] ?? .max, first) }
        return false
    }

    private func matches(_ marker: String, at k: Int) -> Bool {
        if let absent = absentFrom[marker], k >= absent { return false }
        var j = k
        for m in marker { guard j < end, chars[j] == m else { return false }; j += 1 }
        return true
    }

    private mutating func find(_ s: String, from start: Int) -> Int? {
        if let absent = absentFrom[s], absent <= start { return nil }
        var k = start
        while k < end {
            if chars[k] == "\\" { k += 2; continue }
            var j = k, ok = true
            for m in s { if j >= end || chars[j] != m { ok = false; break }; j += 1 }
            if ok { return k }
            k += 1
        }
        absentFrom[s] = min(absentFrom[s] ?? .max, start)
        return nil
    }

    private mutating func report(_ message: String) {
        problems.append(RichTextProblem(offset: i, message: message))
    }

    private mutating func emit(_ text: String, _ marks: RichMarks, _ link: String?) {
        if let last = runs.last, last.marks == marks, last.link == link { runs[runs.count - 1].text += text }
        else { runs.append(RichRun(text, marks: marks, link: link)) }
    }
}
