import Foundation
import Testing
import OfficialReport
import DocFill

/// Paths and loaders shared by the OfficialReport tests.
enum Fixture {
    /// Repository root: this file is Tests/OfficialReportTests/Support.swift.
    static let repoRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let samplePath = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .appendingPathComponent("../../Samples/pho-hoa-2023.yaml").standardizedFileURL

    /// The seed report's text, copied into the repository (Tests/Resources/PROVENANCE.md).
    static let seedPath = repoRoot.appendingPathComponent("Tests/Resources/seed/000_a996a27902273899.txt")

    static func loadSample() throws -> Report {
        let text = try String(contentsOf: samplePath, encoding: .utf8)
        return try decodeYAML(text)
    }

    static func decodeYAML(_ text: String) throws -> Report {
        try Report.from(try DataLoader.loadYAML(text, file: "sample.yaml"))
    }

    /// A small valid party report built in code.
    static func minimalParty() -> Report {
        Report(
            kind: .party,
            issuer: ReportIssuer(superior: "ĐẢNG BỘ THỊ XÃ ĐỨC PHỔ", nameLines: ["ĐẢNG ỦY PHƯỜNG PHỔ HÒA"],
                           nameInText: "Đảng ủy phường Phổ Hòa"),
            number: "05", symbol: "BC/ĐU", place: "Phổ Hòa", date: "2023-08-15",
            subject: "tổng kết công tác dân vận",
            parts: [ReportPart(title: "KẾT QUẢ", sections: [
                ReportSection(title: "Đặc điểm tình hình", subsections: [
                    ReportSubsection(title: "Thuận lợi", items: [.paragraph("Đoạn văn.")]),
                ]),
            ])],
            closing: "Trên đây là báo cáo.",
            recipients: ["- Ban Thường vụ Thị ủy,"], archive: "- Lưu Văn phòng Đảng uỷ.",
            signature: ReportSignature(authority: "T/M ĐẢNG ỦY", title: "BÍ THƯ", name: "Nguyễn Văn A"),
            appendices: [simpleAppendix()])
    }

    /// A small valid state report built in code.
    static func minimalState() -> Report {
        var r = minimalParty()
        r.kind = .state
        r.issuer = ReportIssuer(superior: "UBND THỊ XÃ ĐỨC PHỔ", nameLines: ["ỦY BAN NHÂN DÂN", "PHƯỜNG PHỔ HÒA"],
                          nameInText: "Ủy ban nhân dân phường Phổ Hòa")
        r.symbol = "BC-UBND"
        r.subject = "Về công tác dân vận chính quyền"
        r.signature = ReportSignature(authority: "TM. ỦY BAN NHÂN DÂN", title: "CHỦ TỊCH", name: "Trần Thị B")
        r.recipients = ["- TT Đảng ủy phường;"]
        r.archive = "- Lưu: VT, VP."
        // NĐ 30/2020: the body points to its appendix (appendix_not_referenced otherwise).
        r.closing = (r.closing ?? "Trên đây là báo cáo.") + " (Phụ lục I kèm theo)"
        return r
    }

    /// Two data rows, a label column and three data columns, with a correct stated total.
    static func simpleAppendix() -> Appendix {
        Appendix(
            title: "SỐ LIỆU",
            columns: [
                [AppendixHeaderCell("Giai đoạn", rowspan: 2), AppendixHeaderCell("Kết quả", colspan: 3)],
                [AppendixHeaderCell("Số cuộc"), AppendixHeaderCell("Số người"), AppendixHeaderCell("Ghi chú")],
            ],
            rows: [
                AppendixRow(label: "2013-2018", cells: ["96", "2100", "x"]),
                AppendixRow(label: "2019-2022", cells: ["70", "1.780", ""]),
            ],
            totalRow: TotalRowConfig(label: "Tổng cộng"),
            statedTotal: AppendixRow(label: "Tổng cộng", cells: ["166", "3880", ""]))
    }
}
