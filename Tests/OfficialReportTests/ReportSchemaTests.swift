import DocFill
import Foundation
import OfficialReport
import Testing

/// The hand-written report schema must accept every key the model encodes: a report with
/// every optional field and list filled validates (with python3's jsonschema; a missing
/// module fails the test), so a key added to a type without its schema is caught here.
struct ReportSchemaTests {
    static var fullReport: Report {
        let cells: [AppendixCell] = ["7", "25", ""]
        return Report(
            kind: .state, issuer: ReportIssuer(superior: "UBND THỊ XÃ", nameLines: ["ỦY BAN NHÂN DÂN", "PHƯỜNG PHỔ HÒA"], nameInText: "UBND phường"),
            number: "05", symbol: "BC-UBND", place: "Phổ Hòa", date: "2023-08-15", subject: "tổng kết",
            parts: [ReportPart(title: "KẾT QUẢ", sections: [ReportSection(title: "Đặc điểm",
                items: [ReportItem(number: "1", text: "a", bulletMarker: "+", bullets: [ReportBullet("b", marker: "-", bullets: [ReportBullet("c")])])],
                subsections: [ReportSubsection(title: "Thuận lợi", items: [.paragraph("d")])])])],
            closing: "Trên đây…", recipients: ["- Như trên;"], archive: "- Lưu: VT.",
            signature: ReportSignature(authority: "TM. ỦY BAN NHÂN DÂN", title: "CHỦ TỊCH", name: "An", signatureImage: "s.png", sealImage: "seal.png"),
            appendices: [Appendix(title: "SỐ LIỆU", subtitle: "năm 2023",
                columns: [[AppendixHeaderCell("TT", rowspan: 2), AppendixHeaderCell("Số", colspan: 3)], [AppendixHeaderCell("a"), AppendixHeaderCell("b"), AppendixHeaderCell("c")]],
                rows: [AppendixRow(label: "1", cells: cells)],
                totalRow: TotalRowConfig(label: "Tổng", columns: [0, 1], exclude: [2], percent: [PercentRule(column: 2, numerator: 0, denominator: 1)]),
                statedTotal: AppendixRow(label: "Tổng", cells: cells), notes: ["Ghi chú"])],
            period: ReportPeriod(from: "2023-01-01", to: "2023-12-31"))
    }

    @Test func aFullyPopulatedReportValidates() throws {
        let encoder = JSONEncoder()
        let data = try encoder.encode(Self.fullReport)
        // Every optional really was encoded: the test is only as strong as its sample.
        let text = String(decoding: data, as: UTF8.self)
        for key in ["superior", "name_in_text", "closing", "archive", "signature_image", "seal_image", "bullet_marker",
                    "marker", "subtitle", "total_row", "stated_total", "percent", "group_thousands", "period"] {
            #expect(text.contains("\"\(key)\""), "the sample does not encode \(key)")
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("docfill-report-schema-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let schemaURL = dir.appendingPathComponent("schema.json"), dataURL = dir.appendingPathComponent("data.json")
        try Data(ReportSchema.schema.jsonBytes()).write(to: schemaURL)
        try data.write(to: dataURL)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = ["-c", """
            import json, sys, jsonschema
            schema = json.load(open(sys.argv[1])); data = json.load(open(sys.argv[2]))
            jsonschema.Draft202012Validator.check_schema(schema)
            errors = list(jsonschema.Draft202012Validator(schema).iter_errors(data))
            for e in errors: print("/".join(map(str, e.path)) + ": " + e.message)
            sys.exit(3 if errors else 0)
            """, schemaURL.path, dataURL.path]
        let pipe = Pipe()
        process.standardOutput = pipe; process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(output)")
    }
}
