import Foundation

/// How an appendix's figures print: one format in data rows and the total row (thousands
/// grouped with a dot, decimal comma, a cell's own decimals kept), and which columns hold
/// figures, so that templates align them alike in rows and totals. Computed here, read by
/// the templates (`numeric.3`), so that no per-shape table copy decides it.
enum AppendixNumbers {
    /// A figure as printed: "1490" → "1.490", "14490" → "14.490", "4,97" and "100%" stay;
    /// text that is not a plain number ("27 triệu đồng", "Quý I") and numbers written with a
    /// leading zero ("05", a document number) are printed as written.
    static func display(_ text: String) -> String {
        let raw = text.trimmed
        guard let value = VietnameseNumber.parse(raw) else { return text }
        let digits = raw.drop { $0 == "-" || $0 == "−" }
        if digits.count > 1, digits.first == "0", digits.dropFirst().first?.isASCIIDigitChar == true { return text }
        let percent = raw.hasSuffix("%") ? "%" : ""
        return VietnameseNumber.format(value, decimals: VietnameseNumber.decimals(in: raw), grouping: true) + percent
    }
}

extension Appendix {
    /// Cell columns (0-based) whose filled cells are all figures, at least one filled.
    public var numericColumns: Set<Int> {
        let width = totalsWidth
        var numeric = Set<Int>()
        for c in 0..<width {
            let filled = rows.compactMap { c < $0.cells.count && !$0.cells[c].isEmpty ? $0.cells[c] : nil }
            if !filled.isEmpty, filled.allSatisfy({ $0.number != nil }) { numeric.insert(c) }
        }
        return numeric
    }
}
