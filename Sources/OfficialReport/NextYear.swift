import DocFill
import Foundation

/// Next year's report data from this year's: a small file that `extends:` this year's and
/// names only what must change.
///
/// - `date` and `period.from`/`period.to` move forward one year, same day and month
///   (29 February becomes 28 February);
/// - in `subject` and `document_type`, a year of the reporting period written as
///   `năm 2023` becomes `năm 2024`; other year mentions (a resolution "ngày 03/6/2013",
///   a range "2021-2025") are history and stay;
/// - `number` becomes a to-do: a new document gets a new number (State documents number
///   from 01 again each year, NĐ 30/2020; Party documents continue through the committee's
///   term, HD 36);
/// - a `subject` naming no reporting year becomes a to-do (the old one in its note), and so
///   does each body paragraph or bullet that names a reporting year as `năm 2023`;
/// - every numeric cell of an appendix data row becomes a to-do (figures are entered again),
///   except in rows and columns labelled only with earlier years ("2013-2018"), which are
///   history and inherited; where figures are entered again, a `stated_total` (last year's
///   printed total) is dropped with `null`;
/// - everything else is inherited, not copied.
public enum NextYear {
    /// The date one year later; 29 February becomes 28 February. Nil if `iso` is not a date.
    public static func roll(_ iso: String) -> String? {
        guard let d = ReportDate(iso: iso) else { return nil }
        let year = d.year + 1, day = min(d.day, d.month == 2 ? VietnameseFormat.daysIn(month: 2, year: year) : d.day)
        return String(format: "%04d-%02d-%02d", year, d.month, day)
    }

    /// The years a report covers: its period's, else its date's.
    public static func reportingYears(_ report: Report) -> ClosedRange<Int>? {
        if let years = report.period?.years { return years }
        return ReportDate(iso: report.date).map { $0.year...$0.year }
    }

    /// `năm YYYY` → `năm YYYY+1` for the years given; nil when nothing changed.
    static func rollYearMentions(_ text: String, years: ClosedRange<Int>) -> String? {
        var out = text, changed = false
        // Latest first, so that 2023 → 2024 does not then become 2025.
        for year in years.reversed() {
            for form in ["năm", "Năm", "NĂM"] {
                let pattern = "\(form) \(year)"
                var search = out.startIndex..<out.endIndex
                while let r = out.range(of: pattern, range: search) {
                    let after = r.upperBound
                    if after < out.endIndex, out[after].isNumber { search = after..<out.endIndex; continue }
                    out.replaceSubrange(r, with: "\(form) \(year + 1)")
                    changed = true
                    search = out.index(r.lowerBound, offsetBy: pattern.count)..<out.endIndex
                }
            }
        }
        return changed ? out : nil
    }

    /// What ``NextYear/make(from:extends:source:)`` produces: next year's data file as a value and as commented YAML text.
    public struct Result: Sendable {
        /// The new file's data (with `extends`).
        public var data: Value
        /// Data path → why it is there, written as YAML comments.
        public var comments: [String: String]
        /// The YAML text.
        public var yaml: String
    }

    /// Next year's file for `data` (this year's merged data). `extends` is the path of this
    /// year's file relative to the new file's folder; `source` names it in the header comment.
    public static func make(from data: Value, extends: String, source: String) throws -> Result {
        let report = try Report.from(data, file: source)
        guard let date = ReportDate(iso: report.date), let newDate = roll(report.date) else {
            throw DocFillError("invalid_data", "date \"\(report.date)\" is not a valid date (YYYY-MM-DD or DD/MM/YYYY); next-year rolls it forward",
                               at: SourceLocation(file: source))
        }
        let years = reportingYears(report) ?? date.year...date.year
        var out: [String: Value] = [DataInheritance.extendsKey: .string(extends)]
        var comments: [String: String] = [:]

        out["date"] = .string(newDate)
        comments["date"] = "was \(report.date)"
        if let period = report.period, let from = roll(period.from), let to = roll(period.to) {
            out["period"] = .object(["from": .string(from), "to": .string(to)])
            comments["period"] = "was \(period.from) to \(period.to)"
        }
        let nextYear = years.upperBound + 1
        out["number"] = .string("TODO: số văn bản năm \(nextYear)")
        comments["number"] = report.kind == .state
            ? "was \(report.number); State documents number from 01 again each year"
            : "was \(report.number); give the next number of the committee's term"
        for (key, text) in [("subject", report.subject), ("document_type", report.documentType)] {
            if let rolled = rollYearMentions(text, years: years) {
                out[key] = .string(rolled)
                comments[key] = "'năm \(years.lowerBound)…' rolled forward"
            }
        }
        // A subject naming no reporting year ("tổng kết 10 năm …") cannot be rolled: it is
        // written again, the old one kept in the note.
        if out["subject"] == nil {
            out["subject"] = .string("TODO: trích yếu năm \(nextYear): \(report.subject)")
            comments["subject"] = "names no reporting year to roll forward; write next year's"
        }
        // Narrative naming the reporting year ("năm 2023") tells last year's facts.
        for (path, text) in staleNarrative(report, reporting: years) {
            insert(.string("TODO: viết lại cho năm \(nextYear): \(text)"), at: path[...], into: &out)
            comments[dataPath(path)] = "mentions năm \(years.lowerBound)…; write next year's"
        }

        // Appendix figures of the reporting year are entered again; rows and columns labelled
        // with earlier years only ("2013-2018") are history and inherited.
        var appendixPatches: [String: Value] = [:]
        if case .array(let appendices)? = data["appendices"] {
            for (a, appendix) in appendices.enumerated() {
                var patch: [String: Value] = [:]
                var rowPatches: [String: Value] = [:]
                let model = a < report.appendices.count ? report.appendices[a] : nil
                let pastColumns = model.map { historyColumns($0, reporting: years) } ?? []
                if case .array(let rows)? = appendix["rows"] {
                    for (r, row) in rows.enumerated() {
                        guard case .array(let cells)? = row["cells"] else { continue }
                        if isHistory(row["label"]?.scalarText ?? "", reporting: years) { continue }
                        var cellPatches: [String: Value] = [:]
                        for (c, cell) in cells.enumerated() where isFigure(cell) && !pastColumns.contains(c) {
                            cellPatches["[\(c)]"] = .string("TODO")
                            comments["appendices[\(a)].rows[\(r)].cells[\(c)]"] = "was \(cell.scalarText ?? "")"
                        }
                        if !cellPatches.isEmpty {
                            rowPatches["[\(r)]"] = .object(["cells": .object(cellPatches)])
                            if let label = row["label"]?.scalarText { comments["appendices[\(a)].rows[\(r)]"] = "row \"\(label)\"" }
                        }
                    }
                }
                if !rowPatches.isEmpty { patch["rows"] = .object(rowPatches) }
                // A stated total of inherited rows still holds; one over figures entered again does not.
                if !rowPatches.isEmpty, let stated = appendix["stated_total"], stated != .null {
                    patch["stated_total"] = .null
                    comments["appendices[\(a)].stated_total"] = "last year's printed total; the total row is computed from the rows"
                }
                if !patch.isEmpty {
                    appendixPatches["[\(a)]"] = .object(patch)
                    let title = (appendix["title"]?.scalarText ?? "").replacingOccurrences(of: "\n", with: " ")
                    comments["appendices[\(a)]"] = "Phụ lục \(a + 1): \(title.count > 50 ? String(title.prefix(50)) + "…" : title)"
                }
            }
        }
        if !appendixPatches.isEmpty { out["appendices"] = .object(appendixPatches) }

        let header = """
            # \(nextYear) report data, made by `docfill next-year` from \(source) (dated \(report.date)).
            # Only what changes is here; everything else is inherited from the file named by
            # `extends` (see README, "Every year"). TODO marks are values to enter again:
            # `docfill check` and `render` refuse this file until each is replaced; `--draft`
            # renders them as [TODO].

            """
        let writer = YAMLWriter(keyOrder: ["extends", "date", "period", "number", "document_type", "subject", "parts", "closing", "appendices",
                                           "from", "to", "stated_total", "rows", "label", "cells"],
                                comments: comments)
        let result = Value.object(out)
        return Result(data: result, comments: comments, yaml: header + writer.write(result))
    }

    /// A figure to enter again: a number, or text that reads as one ("6.800", "4,97", "90%").
    static func isFigure(_ cell: Value) -> Bool {
        switch cell {
        case .int, .double: return true
        case .string(let s): return TodoMarks.note(s) == nil && VietnameseNumber.parse(s) != nil
        default: return false
        }
    }
}
