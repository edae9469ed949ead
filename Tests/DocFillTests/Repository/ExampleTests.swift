import Foundation
import Testing
@testable import DocFill

/// The examples in Examples/ render as Examples/README.md says, and they and their renders
/// pass the schemas with no error.
struct ExampleTests {
    static func example(_ path: String) -> String { TestPaths.repo.appendingPathComponent("Examples/\(path)").path }

    /// Every item is one table row, each once, and the totals follow them.
    @Test(arguments: ["docx", "odt"]) func invoiceHasOneRowPerItemAndItsTotals(ext: String) throws {
        let out = TestPaths.scratch().appendingPathComponent("invoice.\(ext)").path
        let r = try CLITests.docfill(["render", Self.example("invoice/invoice.\(ext)"), Self.example("invoice/invoice.yaml"), "-o", out])
        #expect(r.status == 0 && r.stderr.isEmpty, "\(r.stderr)")
        let lines = try DocumentText.lines(contentsOf: out)
        let rows = [
            "1 | Vở kẻ ngang 200 trang | 20 | 18.000 | 360.000",
            "2 | Bút bi Thiên Long (hộp 20 cây) | 3 | 95.000 | 285.000",
            "3 | Từ điển Anh – Việt | 1 | 245.000 | 245.000",
            "4 | Giấy in A4 Double A (ram) | 5 | 82.000 | 410.000",
        ]
        for row in rows { #expect(lines.filter { $0 == row }.count == 1, "\(row) in \(lines)") }
        let totals = ["Cộng tiền hàng | 1.300.000", "Thuế GTGT 8% | 104.000", "Tổng thanh toán | 1.404.000"]
        let header = try #require(lines.firstIndex(of: "STT | Hàng hóa, dịch vụ | SL | Đơn giá | Thành tiền"))
        #expect(Array(lines[(header + 1)...].prefix(rows.count + totals.count)) == rows + totals)
        #expect(lines.contains("Tên: Nguyễn Văn An"))
        #expect(lines.contains("Số HD-2024-0153 · ngày 18 tháng 3 năm 2024"))
        #expect(!lines.joined().contains("{{"))
        #expect(try SchemaValidation.errors(of: out).isEmpty)
    }

    /// One letter per member; a member's books are paragraphs, each once; a member with
    /// none gets the thank-you paragraph instead.
    @Test(arguments: ["docx", "odt"]) func lettersAreOnePerMember(ext: String) throws {
        let dir = TestPaths.scratch().appendingPathComponent("letters").path
        let r = try CLITests.docfill(["batch", Self.example("letter/letter.\(ext)"), Self.example("letter/members.yaml"),
                                      "-o", dir, "--name", "thu-{{card}}.\(ext)"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr == "rendered 3 of 3\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["0042", "0107", "0311"].map { "thu-\($0).\(ext)" })
        let first = try DocumentText.lines(contentsOf: "\(dir)/thu-0042.\(ext)")
        #expect(first.contains("Kính gửi anh Lê Minh Đức (thẻ bạn đọc số 0042),"))
        for book in ["1. Dế Mèn phiêu lưu ký (Tô Hoài) — hạn trả 30/4/2024", "2. Số đỏ (Vũ Trọng Phụng) — hạn trả 02/5/2024"] {
            #expect(first.filter { $0 == book }.count == 1, "\(first)")
        }
        #expect(!first.contains { $0.hasPrefix("Thư viện cảm ơn") })
        let last = try DocumentText.lines(contentsOf: "\(dir)/thu-0311.\(ext)")
        #expect(last.contains("Thư viện cảm ơn ông đã trả sách đúng hạn trong năm qua và kính mời ông tiếp tục đến đọc sách."))
        #expect(!last.contains { $0.contains("hạn trả") })
        #expect(!(first + last).joined().contains("{{"))
        #expect(try SchemaValidation.errors(of: "\(dir)/thu-0042.\(ext)").isEmpty)
    }

    @Test(arguments: ["invoice/invoice.docx", "invoice/invoice.odt", "letter/letter.docx", "letter/letter.odt"])
    func examplesPassTheSchemas(path: String) throws {
        #expect(try SchemaValidation.errors(of: Self.example(path)).isEmpty)
    }
}
