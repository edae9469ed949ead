import Foundation

/// One problem found in a report. `code` is stable for tests and tools.
public struct ReportFinding: Codable, Sendable, Equatable, CustomStringConvertible {
    /// `missing_field`, `bad_number_symbol`, `bad_date`, `bad_authority`,
    /// `bad_header`, `header_span_mismatch`, `blank_header`, `appendix_not_referenced`, `row_width_mismatch`, `bad_total_config`,
    /// `total_mismatch`, `percent_mismatch`.
    public var code: String
    /// Data path in YAML key spelling, e.g. `appendices[5].stated_total.cells[0]`.
    public var path: String
    /// A sentence for the person who wrote the data, saying what is wrong and how to fix it.
    public var message: String

    /// Makes a finding from its code, data path and message.
    public init(code: String, path: String, message: String) {
        self.code = code; self.path = path; self.message = message
    }

    /// The finding on one line: "code at path: message".
    public var description: String { "\(code) at \(path): \(message)" }
}

extension Report {
    /// Checks format and consistency rules; an empty result means valid.
    public func validate() -> [ReportFinding] {
        var out: [ReportFinding] = []
        func missing(_ path: String, _ what: String) {
            out.append(ReportFinding(code: "missing_field", path: path, message: "\(what) is empty"))
        }
        func blank(_ s: String?) -> Bool { (s ?? "").trimmed.isEmpty }

        // Required text.
        if issuer.nameLines.isEmpty || issuer.nameLines.allSatisfy(blank) {
            missing("issuer.name_lines", "issuing body name")
        }
        if kind == .party && blank(issuer.superior) {
            missing("issuer.superior", "superior Party body")
        }
        if blank(documentType) { missing("document_type", "document type (BÁO CÁO)") }
        if blank(subject) { missing("subject", "trích yếu (subject line)") }
        if blank(place) { missing("place", "place of the date line") }
        if blank(signature.authority) { missing("signature.authority", "signing authority") }
        if blank(signature.title) { missing("signature.title", "signer's title") }
        if blank(signature.name) { missing("signature.name", "signer's name") }
        for (p, part) in parts.enumerated() {
            if blank(part.title) { missing("parts[\(p)].title", "part title") }
            for (s, section) in part.sections.enumerated() where blank(section.title) {
                missing("parts[\(p)].sections[\(s)].title", "section title")
            }
        }

        // Number and symbol.
        let numberOK = number.count >= 2 && number.allSatisfy(\.isASCIIDigitChar)
        if !numberOK {
            out.append(ReportFinding(code: "bad_number_symbol", path: "number",
                               message: "number \"\(number)\" must be digits, zero-padded to two (\"05\")"))
        }
        let symbolOK: Bool
        let expected: String
        switch kind {
        case .party:
            symbolOK = Report.symbolMatches(symbol, prefix: "BC/")
            expected = "BC/<body>, printed \"Số 05-BC/ĐU\""
        case .state:
            symbolOK = Report.symbolMatches(symbol, prefix: "BC-")
            expected = "BC-<body>, printed \"Số: 05/BC-UBND\""
        }
        if !symbolOK {
            out.append(ReportFinding(code: "bad_number_symbol", path: "symbol",
                               message: "\(kind.rawValue) symbol \"\(symbol)\" should look like \(expected)"))
        }

        // Date.
        if ReportDate(iso: date) == nil {
            out.append(ReportFinding(code: "bad_date", path: "date",
                               message: "date \"\(date)\" is not a valid date (YYYY-MM-DD or DD/MM/YYYY)"))
        }

        if let period {
            let from = ReportDate(iso: period.from), to = ReportDate(iso: period.to)
            if from == nil { out.append(ReportFinding(code: "bad_date", path: "period.from", message: "date \"\(period.from)\" is not a valid date (YYYY-MM-DD or DD/MM/YYYY)")) }
            if to == nil { out.append(ReportFinding(code: "bad_date", path: "period.to", message: "date \"\(period.to)\" is not a valid date (YYYY-MM-DD or DD/MM/YYYY)")) }
            if let from, let to, to < from {
                out.append(ReportFinding(code: "bad_date", path: "period", message: "the period ends (\(period.to)) before it starts (\(period.from))"))
            }
        }

        // Authority prefix style: slash forms for party, dot forms for state.
        let auth = signature.authority.trimmed
        if !auth.isEmpty {
            let partyForms = ["T/M ", "K/T ", "T/L ", "Q. "]
            let stateForms = ["TM. ", "KT. ", "TL. ", "TUQ. ", "Q. "]
            let forms = kind == .party ? partyForms : stateForms
            let other = kind == .party ? stateForms.filter { $0 != "Q. " } : partyForms.filter { $0 != "Q. " }
            if other.contains(where: auth.hasPrefix) {
                out.append(ReportFinding(code: "bad_authority", path: "signature.authority",
                                   message: "\"\(auth)\" uses the \(kind == .party ? "state" : "party") form; \(kind.rawValue) documents use \(forms.map { $0.trimmed }.joined(separator: ", "))"))
            }
        }

        // Appendices: header tiling, row widths, total config, stated totals.
        for (a, appendix) in appendices.enumerated() {
            let base = "appendices[\(a)]"
            if blank(appendix.title) { missing("\(base).title", "appendix title") }
            let grid = appendix.headerGrid
            for problem in grid.problems {
                out.append(ReportFinding(code: "bad_header", path: "\(base).columns", message: problem))
            }
            // A row whose spans do not add up to the grid's width would print a ragged table.
            let widest = grid.rowCoverage.max() ?? 0
            for (r, covered) in grid.rowCoverage.enumerated() where covered != widest {
                out.append(ReportFinding(code: "header_span_mismatch", path: "\(base).columns[\(r)]",
                    message: "header row \(r + 1) of appendix \(a + 1) covers \(covered) of \(widest) grid columns: the colspans of its cells and the rowspans reaching it from the rows above must add up to \(widest)"))
            }
            // A header cell without a label prints as a blank box (the seed's extraction lost
            // four in its appendix 4): a warning to fill in, the table still renders.
            for (r, row) in appendix.columns.enumerated() {
                for (i, cell) in row.enumerated() where blank(cell.text) {
                    out.append(ReportFinding(code: "blank_header", path: "\(base).columns[\(r)][\(i)]",
                                             message: "header row \(r + 1), cell \(i + 1) of appendix \(a + 1) has no label: write the column's name"))
                }
            }
            if let width = appendix.dataColumnCount {
                for (r, row) in appendix.rows.enumerated() where row.cells.count != width {
                    out.append(ReportFinding(code: "row_width_mismatch", path: "\(base).rows[\(r)]",
                                       message: "row \"\(row.label)\" has \(row.cells.count) cells; the header has \(width) data columns"))
                }
                if let stated = appendix.statedTotal, stated.cells.count != width {
                    out.append(ReportFinding(code: "row_width_mismatch", path: "\(base).stated_total",
                                       message: "stated total has \(stated.cells.count) cells; the header has \(width) data columns"))
                }
                if let config = appendix.totalRow {
                    let refs = (config.columns ?? []) + config.exclude
                        + config.percent.flatMap { [$0.column, $0.numerator, $0.denominator] }
                    for c in refs where c < 0 || c >= width {
                        out.append(ReportFinding(code: "bad_total_config", path: "\(base).total_row",
                                           message: "column \(c) is outside 0..<\(width)"))
                    }
                }
            } else if appendix.columns.isEmpty {
                missing("\(base).columns", "appendix header")
            }
            out.append(contentsOf: appendix.consistencyFindings(index: a))
        }
        out.append(contentsOf: appendixReferenceFindings())
        return out
    }

    static func symbolMatches(_ symbol: String, prefix: String) -> Bool {
        guard symbol.hasPrefix(prefix) else { return false }
        let rest = symbol.dropFirst(prefix.count)
        return !rest.isEmpty && !rest.contains(where: { $0.isWhitespace || $0 == "/" })
            && rest.first != "-"
    }
}
