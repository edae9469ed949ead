import DocFill
import Foundation
import OfficialReport
import Testing

/// The code of the DocC articles (Sources/DocFill/DocFill.docc) run against the repository's
/// examples, so that a renamed or changed API breaks a test and not only a reader's copy. Each
/// test follows one article's snippets in order; only the paths differ: the articles name
/// files from the top of the repository and write into `out/`, the tests read the same files
/// through `repo` and write into a scratch folder.
struct DocSnippetTests {
    static func repo(_ path: String) -> String { TestPaths.repo.appendingPathComponent(path).path }

    /// GettingStarted.md and RenderingAnInvoice.md.
    @Test func gettingStartedAndTheInvoiceTutorial() async throws {
        let out = TestPaths.scratch()
        func output(_ name: String) -> String { out.appendingPathComponent(name).path }

        let template = try DocumentTemplate(contentsOf: Self.repo("Examples/invoice/invoice.docx"))
        let job = RenderJob(data: .file(Self.repo("Examples/invoice/invoice.yaml")))
        let warnings = try job.render(template, to: output("invoice.docx"))
        #expect(warnings.isEmpty)

        let data = try DataLoader.load(contentsOf: Self.repo("Examples/invoice/invoice.yaml"))
        try template.render(data, to: output("invoice-again.docx"))

        struct Party: Encodable { var name: String; var address: String }
        struct Line: Encodable { var name: String; var qty: Int; var price: Int; var amount: Int }
        struct Invoice: Encodable { var number: String; var date: String; var customer: Party; var items: [Line] }
        let invoice = Invoice(number: "HD-2024-0154", date: "2024-03-19",
                              customer: Party(name: "Lê Thị Mai", address: "8 Trần Phú, Huế"),
                              items: [Line(name: "Giấy in A4 (ram)", qty: 2, price: 82000, amount: 164000)])
        let encoded: Value = try ValueEncoder().encode(invoice)
        #expect(encoded["items"] == .array([.object(["name": .string("Giấy in A4 (ram)"), "qty": .int(2),
                                                     "price": .int(82000), "amount": .int(164000)])]))

        try template.render(data, to: URL(fileURLWithPath: output("invoice-url.docx")))
        let bytes: Data = try template.renderData(data)
        let fromServer: Data = try await template.render(data)
        #expect(bytes == fromServer && bytes.starts(with: [0x50, 0x4B]))

        var codes: [String] = []
        do {
            try template.render(Value.object([:]), to: output("empty.docx"))
        } catch let error as DocFillError {
            codes = error.diagnostics.map(\.code)
        }
        #expect(codes.contains("unknown_name"))

        // RenderingAnInvoice.md, step 2: its YAML is data the invoice template renders from.
        let article = try String(contentsOf: TestPaths.repo.appendingPathComponent(
            "Sources/DocFill/DocFill.docc/RenderingAnInvoice.md"), encoding: .utf8)
        let yaml = try #require(article.components(separatedBy: "```yaml\n").dropFirst().first?
            .components(separatedBy: "```").first)
        try yaml.write(toFile: output("step2.yaml"), atomically: true, encoding: .utf8)
        #expect(try RenderJob(data: .file(output("step2.yaml"))).render(template, to: output("step2.docx")).isEmpty)

        // Steps 3 to 5.
        #expect(template.tags.count > 10 && template.format == .docx)
        var numbered: [Value] = []
        for number in 1...3 {
            guard case .object(var fields) = data else { break }
            fields["number"] = .string("HD-2024-\(String(format: "%04d", 153 + number))")
            numbered.append(.object(fields))
        }
        for invoice in numbered {
            let name = invoice["number"]?.scalarText ?? "invoice"
            try template.render(invoice, to: output("\(name).docx"))
        }
        #expect(FileManager.default.fileExists(atPath: output("HD-2024-0156.docx")))

        var broken = numbered[0]
        if case .object(var fields) = broken {
            fields["customer"] = nil
            broken = .object(fields)
        }
        var places: [String] = []
        do {
            try template.render(broken, to: output("broken.docx"))
        } catch let error as DocFillError {
            for diagnostic in error.diagnostics where diagnostic.code == "unknown_name" {
                places.append(diagnostic.location.authorPlace?.description ?? "")
            }
        }
        #expect(places.count == 3 && places.allSatisfy { !$0.isEmpty })
        #expect(!FileManager.default.fileExists(atPath: output("broken.docx")))
    }

    /// TagLanguage.md: a filter of one's own, and delimiters.
    @Test func tagLanguage() throws {
        var filters = FilterSet.standard
        filters.register("initials") { value, _ in
            let words = (value.scalarText ?? "").split(separator: " ")
            return .string(String(words.compactMap(\.first)))
        }
        let options = CompileOptions(filters: filters)
        let template = try TextTemplate("{{ name | initials }}", filters: options.filters)
        let text = try template.render(.object(["name": .string("Nguyễn Văn An")]))
        #expect(text == "NVA")

        let braces = CompileOptions(delimiters: Delimiters(open: "{", close: "}"))
        #expect(braces.delimiters == Delimiters(pair: "{ }"))
        #expect(Delimiters(pair: "<% %>") != nil && Delimiters(pair: "<%=") == nil)
    }

    /// ReportModel.md and the OfficialReport landing page.
    @Test func reportModel() throws {
        let out = TestPaths.scratch()
        func output(_ name: String) -> String { out.appendingPathComponent(name).path }

        let models = DataModels([OfficialReportModel()])
        let job = RenderJob(data: .file(Self.repo("Samples/pho-hoa-2023.yaml")), models: models)
        let template = try DocumentTemplate(contentsOf: Self.repo("Templates/bao-cao-dang-uy.docx"))
        _ = try job.render(template, to: output("bao-cao.docx"))

        let report = Report(
            kind: .party,
            issuer: ReportIssuer(superior: "ĐẢNG BỘ THỊ XÃ ĐỨC PHỔ", nameLines: ["ĐẢNG ỦY PHƯỜNG PHỔ HÒA"]),
            number: "12", symbol: "BC/ĐU", place: "Phổ Hòa", date: "2024-12-20",
            subject: "tổng kết công tác dân vận năm 2024",
            parts: [ReportPart(title: "KẾT QUẢ THỰC HIỆN", sections: [
                ReportSection(title: "Công tác lãnh đạo", items: [.paragraph("Đảng ủy ban hành 04 kế hoạch.")])])],
            signature: ReportSignature(authority: "T/M ĐẢNG ỦY", title: "BÍ THƯ", name: "Nguyễn Văn A"))
        #expect(report.validate().isEmpty)
        try template.render(report, to: output("from-code.docx"))
        #expect(report.templateData().numberLine == "Số 12-BC/ĐU")

        let thisYear = try DataLoader.load(contentsOf: Self.repo("Samples/pho-hoa-2023.yaml"))
        let next = try NextYear.make(from: thisYear, extends: "pho-hoa-2023.yaml", source: "pho-hoa-2023.yaml")
        try next.yaml.write(toFile: output("pho-hoa-2024.yaml"), atomically: true, encoding: .utf8)
        #expect(next.yaml.contains("extends: \"pho-hoa-2023.yaml\"") || next.yaml.contains("extends: pho-hoa-2023.yaml"))
    }
}
