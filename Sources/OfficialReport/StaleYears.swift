import DocFill
import Foundation

/// Years of the previous period left in a report that extends last year's.
///
/// The reporting years of a report are its `period`'s years, or else its date's year.
/// When a report's latest reporting year is later than its base's (the file it `extends`),
/// the base's reporting years that are not also this report's are *stale*: any of them
/// written as a 4-digit number in the header (`issuer.*`, `number`, `symbol`), the title
/// (`document_type`, `subject`) or the date line (`place`, `date`, `period`) is a
/// `stale_year` warning with its data path. A date equal to the base's is one too. Other
/// years (a resolution of 2013, a range 2021-2025) are never stale; the body and appendices
/// are not checked. A report dated early in the year about the year before should state its
/// `period`, or the date's year is taken as the reporting year.
extension Report {
    /// Findings for years in this report's text that belong to `base`'s reporting years and not to this report's.
    public func staleYearFindings(base: Report) -> [ReportFinding] {
        if date == base.date, ReportDate(iso: date) != nil {
            return [ReportFinding(code: "stale_year", path: "date",
                            message: "the date \(date) is the one of the file this extends; roll it forward")]
        }
        guard let years = NextYear.reportingYears(self), let baseYears = NextYear.reportingYears(base),
              years.upperBound > baseYears.upperBound else { return [] }
        let stale = Set(baseYears).subtracting(years)
        guard !stale.isEmpty else { return [] }
        var fields: [(String, String?)] = [("issuer.superior", issuer.superior)]
        fields += issuer.nameLines.enumerated().map { ("issuer.name_lines[\($0.offset)]", $0.element) }
        fields += [("issuer.name_in_text", issuer.nameInText), ("number", number), ("symbol", symbol),
                   ("document_type", documentType), ("subject", subject), ("place", place), ("date", date),
                   ("period.from", period?.from), ("period.to", period?.to)]
        let own = years.count == 1 ? "\(years.lowerBound)" : "\(years.lowerBound)–\(years.upperBound)"
        return fields.compactMap { path, text in
            guard let text else { return nil }
            let found = Self.fourDigitYears(in: text).filter(stale.contains)
            guard !found.isEmpty else { return nil }
            let list = found.map(String.init).joined(separator: ", ")
            return ReportFinding(code: "stale_year", path: path,
                           message: "mentions \(list), a year of the previous report's period, in a report for \(own): \"\(Self.excerpt(text, around: found[0]))\"")
        }
    }

    /// Runs of exactly four ASCII digits, in order, without repeats.
    static func fourDigitYears(in text: String) -> [Int] {
        var out: [Int] = [], run = ""
        for ch in text + " " {
            if ch.isASCII && ch.isNumber { run.append(ch); continue }
            if run.count == 4, let y = Int(run), !out.contains(y) { out.append(y) }
            run = ""
        }
        return out
    }

    static func excerpt(_ text: String, around year: Int) -> String {
        guard text.count > 60, let r = text.range(of: String(year)) else { return text }
        let start = text.index(r.lowerBound, offsetBy: -30, limitedBy: text.startIndex) ?? text.startIndex
        let end = text.index(r.upperBound, offsetBy: 30, limitedBy: text.endIndex) ?? text.endIndex
        return (start == text.startIndex ? "" : "…") + text[start..<end] + (end == text.endIndex ? "" : "…")
    }
}
