import Foundation
import Testing
@testable import DocFill
import OfficialReport

/// Issue 19, "the official report, page by page": what kept a rendered report from being
/// signed as it is. Each test reads the layout from the rendered DOCX/ODT XML or the CLI.
struct OfficialReportPageTests {
    static let party = "Samples/pho-hoa-2023.yaml"
    static let state = "Samples/ubnd-pho-hoa-2023.yaml"

    /// Party data in the State template (and the reverse) is refused with both kinds named;
    /// each template takes its own kind.
    @Test(arguments: [("bao-cao-ubnd.docx", party, "party", "state"), ("bao-cao-dang-uy.odt", state, "state", "party")])
    func aReportOfTheOtherKindIsRefused(template: String, data: String, dataKind: String, templateKind: String) throws {
        let out = TestPaths.scratch().appendingPathComponent("out." + (template as NSString).pathExtension).path
        let r = try CLITests.docfill(["render", "Templates/" + template, data, "-o", out])
        #expect(r.status == 1)
        #expect(r.stderr.contains("error[kind_mismatch]: kind: the data is a \(dataKind) report but the template is written for a \(templateKind) report"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out))
        let check = try CLITests.docfill(["check", "Templates/" + template, data])
        #expect(check.status == 1 && check.stdout.contains("kind_mismatch"), "\(check.stdout)")
        // --model official-report does not lift it: the template is still written for one kind.
        let explicit = try CLITests.docfill(["render", "Templates/" + template, data, "--model", "official-report", "-o", out])
        #expect(explicit.status == 1 && explicit.stderr.contains("kind_mismatch"), "\(explicit.stderr)")
    }

    /// Rows and totals of the appendix tables print figures one way: thousands grouped with a
    /// dot ("2.100" in a row, "3.880" in its total), and centred alike. The State appendix's
    /// figures were left-aligned text under centred totals.
    @Test(arguments: ["bao-cao-dang-uy.docx", "bao-cao-ubnd.docx"])
    func figuresPrintOneWayInRowsAndTotals(_ name: String) throws {
        let doc = try ReportLayoutTests.Document(try ReportTemplateTests.render(name, sample: ReportTemplateTests.sample(for: name)))
        // Data and total rows: header rows (w:tblHeader) name years ("2013") as labels.
        let rows = doc.body.descendants { $0.name == "tr" }.filter { $0.descendants { $0.name == "tblHeader" }.isEmpty }.map { tr in
            tr.children.compactMap { $0 as? XMLElement }.filter { $0.name == "tc" }.map { tc in
                (text: doc.text(tc), alignment: tc.descendants { $0.name == "p" }.compactMap { doc.alignment($0) }.first ?? "?")
            }
        }
        let figure = try NSRegularExpression(pattern: #"^-?\d{1,3}(\.\d{3})*(,\d+)?%?$"#)
        var figures = 0
        for row in rows {
            for cell in row.dropFirst() where cell.text.first?.isNumber == true && !cell.text.contains(" ") {
                let range = NSRange(cell.text.startIndex..., in: cell.text)
                #expect(figure.firstMatch(in: cell.text, range: range) != nil, "\(name): '\(cell.text)' is not in one format")
                #expect(cell.alignment == "center", "\(name): '\(cell.text)' is aligned \(cell.alignment)")
                figures += 1
            }
        }
        #expect(figures >= 10)
        if name.contains("dang-uy") {
            #expect(rows.contains { $0.map(\.text).starts(with: ["2013-2018", "96", "2.100"]) }, "a row's 2100 prints as 2.100")
            #expect(rows.contains { $0.map(\.text).starts(with: ["Tổng cộng", "166", "3.880"]) })
        } else {
            #expect(rows.contains { $0.map(\.text) == ["Tổng cộng", "", "12", "45"] })
        }
    }
}
