import DocFill
import Foundation

/// What of a report belongs to its reporting year, and so is rolled forward by `next-year`,
/// and what is history, inherited as it is: an appendix row or column labelled only with
/// earlier years ("2013-2018", a "2018" column) keeps its figures; narrative paragraphs that
/// name the reporting year ("năm 2023") are to be written again.
extension NextYear {
    /// The years (1900–2100) written in `text` as 4-digit numbers: "2013-2018" → [2013, 2018].
    static func years(in text: String) -> [Int] {
        text.split { !$0.isASCIIDigitChar }.compactMap { run in
            guard run.count == 4, let year = Int(run), (1900...2100).contains(year) else { return nil }
            return year
        }
    }

    /// A label or header about the past: it names years, all before the reporting years.
    static func isHistory(_ text: String, reporting: ClosedRange<Int>) -> Bool {
        let found = years(in: text)
        return !found.isEmpty && found.allSatisfy { $0 < reporting.lowerBound }
    }

    /// Data columns (0-based cell indices) under a header cell naming only past years.
    static func historyColumns(_ appendix: Appendix, reporting: ClosedRange<Int>) -> Set<Int> {
        let paths = appendix.headerGrid.columnPaths
        return Set(paths.indices.dropFirst().filter { c in paths[c].contains { isHistory($0, reporting: reporting) } }.map { $0 - 1 })
    }

    /// Paths (YAML spelling) and texts of the body paragraphs and bullets that mention a
    /// reporting year as "năm YYYY": their facts are last year's, to be written again.
    static func staleNarrative(_ report: Report, reporting: ClosedRange<Int>) -> [(path: [String], text: String)] {
        var found: [(path: [String], text: String)] = []
        func check(_ text: String?, _ path: [String]) {
            guard let text, rollYearMentions(text, years: reporting) != nil else { return }
            found.append((path, text))
        }
        func bullets(_ list: [ReportBullet], _ path: [String]) {
            for (b, bullet) in list.enumerated() {
                check(bullet.text, path + ["bullets", "[\(b)]", "text"])
                bullets(bullet.bullets, path + ["bullets", "[\(b)]"])
            }
        }
        func items(_ list: [ReportItem], _ path: [String]) {
            for (i, item) in list.enumerated() {
                check(item.text, path + ["items", "[\(i)]", "text"])
                bullets(item.bullets, path + ["items", "[\(i)]"])
            }
        }
        for (p, part) in report.parts.enumerated() {
            for (s, section) in part.sections.enumerated() {
                let base = ["parts", "[\(p)]", "sections", "[\(s)]"]
                items(section.items, base)
                for (u, sub) in section.subsections.enumerated() { items(sub.items, base + ["subsections", "[\(u)]"]) }
            }
        }
        check(report.closing, ["closing"])
        return found
    }

    /// Sets `value` at `path` in `tree`, making the index patches ("[2]") and objects on the way.
    static func insert(_ value: Value, at path: ArraySlice<String>, into tree: inout [String: Value]) {
        guard let key = path.first else { return }
        if path.count == 1 { tree[key] = value; return }
        var child: [String: Value] = [:]
        if case .object(let existing)? = tree[key] { child = existing }
        insert(value, at: path.dropFirst(), into: &child)
        tree[key] = .object(child)
    }

    /// The data path of `path` as comments and diagnostics spell it: `parts[0].sections[1].text`.
    static func dataPath(_ path: [String]) -> String {
        path.reduce("") { $1.hasPrefix("[") ? $0 + $1 : ($0.isEmpty ? $1 : $0 + "." + $1) }
    }
}
