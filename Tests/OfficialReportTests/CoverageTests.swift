import Foundation
import Testing
@testable import OfficialReport

/// Every non-empty line of the seed report must appear in the decoded sample
/// (the report or its template view, so computed labels such as
/// "Phần thứ nhất" and "Nơi nhận:" count).
///
/// Normalisation on both sides: NFC, whitespace runs collapsed, trimmed.
/// Seed-side only: the extraction's "**" bold wrappers are dropped and the
/// "I-Đặc" / "II- Công" heading spacing is unified to "I- ".
/// Prose lines must be a substring of some sample string (paragraphs that
/// the extraction split at page breaks are joined in the sample).
/// Table lines (tab-separated) must have every non-empty cell as an exact
/// sample string (header cell, row label or cell).
///
/// Deliberately excluded: seed lines 299–316, a second rendering of the
/// first appendix (its title, header and rows 1–14 again, differing only in
/// “ ” versus " quotes). The sample has the table once, with all 23 rows.
@Suite("Seed text coverage")
struct CoverageTests {
    static let excludedLines = 299...316

    /// Whitespace-normalised NFC text without emphasis markers (the view prints plain text).
    static func normalise(_ s: String) -> String {
        ReportFormat.plain(s).precomposedStringWithCanonicalMapping
            .split(whereSeparator: { $0.isWhitespace })
            .joined(separator: " ")
    }

    static func normaliseSeedLine(_ raw: String) -> String {
        var s = normalise(raw)
        if s.hasPrefix("**") { s.removeFirst(2) }
        if s.hasSuffix("**") { s.removeLast(2) }
        if let r = s.range(of: #"^[IVX]+-\s*"#, options: .regularExpression) {
            let numeral = s[r].filter { "IVX".contains($0) }
            s = numeral + "- " + s[r.upperBound...]
        }
        return s.trimmingCharacters(in: .whitespaces)
    }

    /// All strings of the encoded report and of its template view, split at "\n".
    static func sampleStrings(_ report: Report) throws -> [String] {
        var out: [String] = []
        func walk(_ v: Any) {
            if let s = v as? String {
                out.append(contentsOf: s.split(separator: "\n", omittingEmptySubsequences: false).map { normalise(String($0)) })
            } else if let a = v as? [Any] {
                a.forEach(walk)
            } else if let d = v as? [String: Any] {
                d.values.forEach(walk)
            }
        }
        walk(try JSONSerialization.jsonObject(with: JSONEncoder().encode(report)))
        walk(try JSONSerialization.jsonObject(with: JSONEncoder().encode(report.templateData())))
        return out
    }

    @Test func excludedBlockIsTheDuplicateTable() throws {
        let lines = try String(contentsOf: Fixture.seedPath, encoding: .utf8).components(separatedBy: "\n")
        #expect(lines[299 - 1] == "**VĂN BẢN")
        #expect(lines[302 - 1].hasPrefix("TT\tVăn bản"))
        #expect(lines[316 - 1].hasPrefix("14\t"))
        #expect(lines[317 - 1].isEmpty)
        #expect(lines[270 - 1] == lines[299 - 1], "the first rendering starts the same way")
    }

    @Test func everySeedLineIsInTheSample() throws {
        let report = try Fixture.loadSample()
        let strings = try Self.sampleStrings(report)
        let exact = Set(strings)
        let lines = try String(contentsOf: Fixture.seedPath, encoding: .utf8).components(separatedBy: "\n")
        var checked = 0
        var missing: [String] = []
        for (i, raw) in lines.enumerated() {
            let number = i + 1
            if Self.excludedLines.contains(number) { continue }
            if raw.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            checked += 1
            if raw.contains("\t") {
                for field in raw.split(separator: "\t") {
                    let f = Self.normalise(String(field))
                    if !f.isEmpty && !exact.contains(f) { missing.append("line \(number) cell: \(f)") }
                }
            } else {
                let s = Self.normaliseSeedLine(raw)
                if !strings.contains(where: { $0.contains(s) }) { missing.append("line \(number): \(s)") }
            }
        }
        #expect(checked == 202, "non-empty seed lines checked")
        #expect(missing.isEmpty, "\(missing.count) seed lines not in the sample:\n\(missing.joined(separator: "\n"))")
    }
}
