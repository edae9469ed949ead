import Foundation

extension Report {
    /// The body's texts in printed order: part and section titles, paragraphs, bullets at any
    /// depth, the closing paragraph.
    var bodyTexts: [String] {
        func bullets(_ list: [ReportBullet]) -> [String] { list.flatMap { [$0.text] + bullets($0.bullets) } }
        func items(_ list: [ReportItem]) -> [String] { list.flatMap { [$0.text ?? ""] + bullets($0.bullets) } }
        let body = parts.flatMap { part in
            [part.title] + part.sections.flatMap { section in
                [section.title] + items(section.items) + section.subsections.flatMap { [$0.title] + items($0.items) }
            }
        }
        return body + (closing.map { [$0] } ?? [])
    }

    /// `appendix_not_referenced` warnings: NĐ 30/2020 (Phụ lục I, rule B7) wants a State
    /// report's body to point to each of its appendices ("… tại Phụ lục I kèm theo"). Party
    /// practice does the same but no rule was found (HD 36), so Party reports are not checked.
    func appendixReferenceFindings() -> [ReportFinding] {
        guard kind == .state, !appendices.isEmpty else { return [] }
        let body = bodyTexts.joined(separator: "\n").lowercased()
        return appendices.indices.compactMap { a in
            let label = ReportFormat.appendixLabel(kind: kind, index: a + 1)
            let number = label.split(separator: " ").last.map(String.init) ?? ""
            let forms = [label, "phụ lục số \(number)", "phụ lục số \(a + 1)"].map { $0.lowercased() }
            // "Phụ lục I" must not be found inside "Phụ lục II".
            let found = forms.contains { form in
                body.ranges(of: form).contains { r in r.upperBound == body.endIndex || !body[r.upperBound].isLetter && !body[r.upperBound].isNumber }
            }
            return found ? nil : ReportFinding(
                code: "appendix_not_referenced", path: "appendices[\(a)]",
                message: "the body does not point to \(label) (NĐ 30/2020: write \"… tại \(label) kèm theo\" where its figures are discussed)")
        }
    }
}
