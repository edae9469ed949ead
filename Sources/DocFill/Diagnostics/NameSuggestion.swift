/// "did you mean 'customer.name'?" for a name the data lacks: the closest key the data has
/// where the name was looked up, when it is close enough to be a misspelling.
///
/// Close enough: at most 2 edits (insert, delete, replace a character, or swap two
/// neighbours: the optimal string alignment form of the Damerau-Levenshtein distance), and
/// at most a third of the misspelt name's length, so `nmae` (4 characters) may take one
/// edit and `id` (2) none. Among equally close keys the first in alphabetical order wins.
/// Names over `maxLength` bytes get no suggestion: nobody misspells a 100 KB name.
enum NameSuggestion {
    static let maxEdits = 2
    static let maxLength = 256

    /// The hint for `path` whose component at `index` is missing, with `keys` the keys it
    /// could have been; nil when no key is close enough.
    static func didYouMean(_ path: [String], at index: Int, among keys: Set<String>) -> String? {
        guard path.indices.contains(index), let key = closest(to: path[index], among: keys) else { return nil }
        var corrected = path
        corrected[index] = key
        return "did you mean '\(Excerpt.of(corrected.joined(separator: ".")))'?"
    }

    /// The key nearest to `name` within the limits, if any.
    static func closest(to name: String, among keys: Set<String>) -> String? {
        guard name.utf8.count <= maxLength else { return nil }
        let target = Array(name)
        let allowed = min(maxEdits, target.count / 3)
        guard allowed > 0 else { return nil }
        var best: (distance: Int, key: String)?
        for key in keys {
            // Lengths further apart than the edits allowed cannot be close: skipped before
            // any work (a huge key is not even read past the length that matters).
            let candidate = Array(key.prefix(target.count + allowed + 1))
            guard abs(candidate.count - target.count) <= allowed,
                  let d = distance(target, candidate, atMost: allowed) else { continue }
            if best == nil || d < best!.distance || (d == best!.distance && key < best!.key) { best = (d, key) }
        }
        return best?.key
    }

    /// The optimal string alignment distance of `a` and `b`, or nil when it is over `limit`.
    static func distance(_ a: [Character], _ b: [Character], atMost limit: Int) -> Int? {
        if a == b { return 0 }
        guard !a.isEmpty, !b.isEmpty else { return max(a.count, b.count) <= limit ? max(a.count, b.count) : nil }
        var before = [Int](repeating: 0, count: b.count + 1)   // row i - 2
        var previous = Array(0...b.count)                       // row i - 1
        var current = [Int](repeating: 0, count: b.count + 1)
        var previousMinimum = 0
        for i in 1...a.count {
            current[0] = i
            var rowMinimum = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var d = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { d = min(d, before[j - 2] + 1) }
                current[j] = d
                rowMinimum = min(rowMinimum, d)
            }
            // A cell takes its value from the two rows above it at most one less: when both
            // are over the limit, so is every later row.
            if rowMinimum > limit && previousMinimum > limit { return nil }
            previousMinimum = rowMinimum
            (before, previous, current) = (previous, current, before)
        }
        let d = previous[b.count]
        return d <= limit ? d : nil
    }
}
