import Foundation

/// A line diff in unified form (`@@ -12,7 +12,8 @@`, ` ` context, `-` removed, `+` added),
/// from a longest common subsequence of the lines: what `docfill diff` prints for two
/// documents' text lines (`DocumentText`).
public enum TextDiff {
    /// What a diff line says about its text.
    public enum Kind: Sendable, Hashable {
        /// Present on both sides, shown around a change.
        case context
        /// Only in the old lines.
        case removed
        /// Only in the new lines.
        case added
    }

    /// One line of a hunk: its text and whether it was kept, removed or added.
    public struct Line: Sendable, Hashable {
        /// Whether the line is context, removed or added.
        public var kind: Kind
        /// The line's text, without a mark.
        public var text: String
        /// ` `, `-` or `+` then the text; a line break inside the text shows as `↵`.
        public var rendered: String {
            let mark = kind == .context ? " " : kind == .removed ? "-" : "+"
            return mark + text.replacingOccurrences(of: "\n", with: "↵")
        }
    }

    /// A run of changes with the unchanged lines around them, printed under one `@@` header.
    public struct Hunk: Sendable, Hashable {
        /// 1-based first line and line count on each side (GNU conventions: a side with no
        /// lines gives the line before).
        public var oldStart: Int, oldCount: Int, newStart: Int, newCount: Int
        /// The hunk's lines in printed order.
        public var lines: [Line]
        /// The unified-diff header of the hunk: `@@ -12,7 +12,8 @@`.
        public var header: String { "@@ -\(range(oldStart, oldCount)) +\(range(newStart, newCount)) @@" }
        private func range(_ start: Int, _ count: Int) -> String { count == 1 ? "\(start)" : "\(start),\(count)" }
    }

    /// The changes between `old` and `new`, each with up to `context` unchanged lines around
    /// it; hunks closer than twice the context join. Empty when the lines are equal.
    public static func hunks(old: [String], new: [String], context: Int = 3) -> [Hunk] {
        let ops = script(old, new)
        guard ops.contains(where: { $0.kind != .context }) else { return [] }
        // Positions (old index, new index) before each op.
        var positions: [(Int, Int)] = []
        var o = 0, n = 0
        for op in ops {
            positions.append((o, n))
            if op.kind != .added { o += 1 }
            if op.kind != .removed { n += 1 }
        }
        let changes = ops.indices.filter { ops[$0].kind != .context }
        var hunks: [Hunk] = []
        var c = 0
        while c < changes.count {
            var last = c
            // Changes separated by at most 2 × context unchanged lines share a hunk.
            while last + 1 < changes.count, changes[last + 1] - changes[last] - 1 <= 2 * context { last += 1 }
            let start = max(0, changes[c] - context), stop = min(ops.count, changes[last] + 1 + context)
            let slice = Array(ops[start..<stop])
            let oldCount = slice.filter { $0.kind != .added }.count
            let newCount = slice.filter { $0.kind != .removed }.count
            let (o0, n0) = positions[start]
            hunks.append(Hunk(oldStart: oldCount == 0 ? o0 : o0 + 1, oldCount: oldCount,
                              newStart: newCount == 0 ? n0 : n0 + 1, newCount: newCount, lines: slice))
            c = last + 1
        }
        return hunks
    }

    /// `--- oldName`, `+++ newName`, then each hunk's header and lines; empty when equal.
    public static func unified(old: [String], new: [String], oldName: String, newName: String,
                               context: Int = 3) -> [String] {
        let hunks = hunks(old: old, new: new, context: context)
        guard !hunks.isEmpty else { return [] }
        return ["--- \(oldName)", "+++ \(newName)"] + hunks.flatMap { [$0.header] + $0.lines.map(\.rendered) }
    }

    /// The edit script: common lines as context, and in each changed stretch the removed
    /// lines before the added ones.
    static func script(_ a: [String], _ b: [String]) -> [Line] {
        var prefix = 0
        while prefix < a.count, prefix < b.count, a[prefix] == b[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < a.count - prefix, suffix < b.count - prefix, a[a.count - 1 - suffix] == b[b.count - 1 - suffix] { suffix += 1 }
        let x = Array(a[prefix..<(a.count - suffix)]), y = Array(b[prefix..<(b.count - suffix)])
        var middle: [Line] = []
        if x.count * y.count > 40_000_000 {    // too large for the table: all removed, all added
            middle = x.map { Line(kind: .removed, text: $0) } + y.map { Line(kind: .added, text: $0) }
        } else {
            // lcs[i][j]: common subsequence length of x[i...] and y[j...].
            let width = y.count + 1
            var lcs = [Int32](repeating: 0, count: (x.count + 1) * width)
            for i in stride(from: x.count - 1, through: 0, by: -1) {
                for j in stride(from: y.count - 1, through: 0, by: -1) {
                    lcs[i * width + j] = x[i] == y[j] ? lcs[(i + 1) * width + j + 1] + 1
                        : max(lcs[(i + 1) * width + j], lcs[i * width + j + 1])
                }
            }
            var i = 0, j = 0
            var removed: [Line] = [], added: [Line] = []
            func flush() { middle += removed + added; removed = []; added = [] }
            while i < x.count || j < y.count {
                if i < x.count, j < y.count, x[i] == y[j] {
                    flush(); middle.append(Line(kind: .context, text: x[i])); i += 1; j += 1
                } else if j == y.count || (i < x.count && lcs[(i + 1) * width + j] >= lcs[i * width + j + 1]) {
                    removed.append(Line(kind: .removed, text: x[i])); i += 1
                } else {
                    added.append(Line(kind: .added, text: y[j])); j += 1
                }
            }
            flush()
        }
        return a[..<prefix].map { Line(kind: .context, text: $0) } + middle
            + a[(a.count - suffix)...].map { Line(kind: .context, text: $0) }
    }
}
