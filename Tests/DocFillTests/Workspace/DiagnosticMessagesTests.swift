import Foundation
import Testing
import OfficialReport
@testable import DocFill

/// Every stable code has a message in Vietnamese and English; the findings a form shows are
/// translated in full; a diagnostic's place becomes a field key.
struct DiagnosticMessagesTests {
    /// The codes docs/errors.md documents (first cell of each table row) and the sources emit.
    static func documentedCodes() throws -> Set<String> {
        let docs = try String(contentsOf: TestPaths.repo.appendingPathComponent("docs/errors.md"), encoding: .utf8)
        var codes: Set<String> = []
        for line in docs.split(separator: "\n") where line.hasPrefix("| `") {
            let cell = line.dropFirst(2).prefix { $0 != "|" }
            for piece in cell.split(separator: "`").enumerated() where piece.offset % 2 == 0 {
                let name = String(piece.element)
                if !name.isEmpty, name.allSatisfy({ $0.isLowercase || $0.isNumber || $0 == "_" }) { codes.insert(name) }
            }
        }
        return codes
    }

    @Test func everyCodeHasAMessageInBothLanguages() throws {
        let codes = try Self.documentedCodes()
        #expect(codes.count > 100)
        let missing = codes.filter { DiagnosticMessages.summary(of: $0, in: .vi) == nil || DiagnosticMessages.summary(of: $0, in: .en) == nil }
        #expect(missing.isEmpty, "codes without a message: \(missing.sorted())")
        let stale = Set(DiagnosticMessages.codes).subtracting(codes)
        #expect(stale.isEmpty, "messages for codes docs/errors.md does not list: \(stale.sorted())")
        for code in DiagnosticMessages.codes {
            let vi = try #require(DiagnosticMessages.summary(of: code, in: .vi))
            #expect(vi == vi.precomposedStringWithCanonicalMapping, "\(code): not NFC")
            #expect(vi != DiagnosticMessages.summary(of: code, in: .en), "\(code): not translated")
        }
        #expect(Set(DiagnosticMessages.forms.keys).subtracting(codes).isEmpty)
        for (code, forms) in DiagnosticMessages.forms { for form in forms { #expect(form.vi == form.vi.precomposedStringWithCanonicalMapping, "\(code)") } }
    }

    /// The findings `check` gives on the samples, made wrong in the ways a form meets.
    static func sampleFindings() throws -> [Diagnostic] {
        let root = try WorkspaceTests.bundled("messages")
        let samples = root.appendingPathComponent("Samples")
        var text = try String(contentsOf: samples.appendingPathComponent("pho-hoa-2023.yaml"), encoding: .utf8)
        text = text.replacingOccurrences(of: "number: \"05\"", with: "number: \"5\"")
            .replacingOccurrences(of: "date: \"2023-08-15\"", with: "date: \"2023-02-30\"")
            .replacingOccurrences(of: "authority: \"T/M ĐẢNG ỦY\"", with: "authority: \"TM. ĐẢNG ỦY\"")
        try Data(text.utf8).write(to: samples.appendingPathComponent("wrong.yaml"))
        let ws = try Workspace(root: root.path, models: DataModels([OfficialReportModel()]))
        _ = try ws.nextYear("pho-hoa-2023.yaml", as: "next.yaml", model: OfficialReportModel())
        return try ws.check(data: "wrong.yaml", template: "bao-cao-dang-uy.docx")
            + ws.check(data: "next.yaml", template: "bao-cao-dang-uy.docx")
            + ws.check(data: "next.yaml", template: "bao-cao-dang-uy.docx", draft: true)
            + ws.check(data: "pho-hoa-2023.yaml", template: "bao-cao-ubnd.docx")
            + ws.check(data: "pho-hoa-2024.yaml", template: "invoice.docx")
    }

    @Test func theFindingsAFormShowsAreTranslatedInFull() throws {
        let findings = try Self.sampleFindings()
        let codes = Set(findings.map(\.code))
        #expect(codes.isSuperset(of: ["bad_number_symbol", "bad_date", "bad_authority", "blank_header", "total_mismatch", "open_todo",
                                      "kind_mismatch", "unknown_name"]), "\(codes.sorted())")
        for d in findings {
            let vi = DiagnosticMessages.message(for: d, in: .vi)
            #expect(!vi.contains("(chi tiết:"), "untranslated: \(d)")
            #expect(DiagnosticMessages.message(for: d, in: .en) == d.message)
        }
        let places = Set(findings.compactMap(\.location.file))
        #expect(places.isSubset(of: ["wrong.yaml", "next.yaml", "pho-hoa-2023.yaml", "pho-hoa-2024.yaml", "invoice.docx"]), "\(places)")
        let total = try #require(findings.first { $0.code == "total_mismatch" })
        #expect(DiagnosticMessages.message(for: total, in: .vi)
                    == "appendices[5].stated_total.cells[0]: phụ lục 6 \"SỐ LIỆU MÔ HÌNH \"DÂN VẬN KHÉO\"\", dòng \"Tổng cộng\", "
                    + "cột \"Mô hình \"Dân vận khéo\" / Tổng số mô hình được công nhận / Tập thể\": ghi 15 nhưng cộng các dòng được 32 (7 + 25); "
                    + "hãy xác định số nào đúng: bản in dùng số cộng được, hoặc dùng số đã ghi nếu đặt stated_totals: true")
        let number = try #require(findings.first { $0.code == "bad_number_symbol" })
        #expect(DiagnosticMessages.message(for: number, in: .vi) == "number: số văn bản \"5\" phải gồm chữ số, đủ hai chữ số (ví dụ \"05\")")
        let kind = try #require(findings.first { $0.code == "kind_mismatch" })
        #expect(DiagnosticMessages.message(for: kind, in: .vi)
                    == "kind: dữ liệu là báo cáo Đảng nhưng mẫu dành cho báo cáo Nhà nước; hãy dùng mẫu báo cáo Đảng, hoặc sửa loại báo cáo (kind)")
    }

    @Test func theWorkspaceErrorsAreTranslatedInFull() throws {
        let dir = TestPaths.scratch()
        try Data("rows: [{id: a}, {id: b}]\n".utf8).write(to: dir.appendingPathComponent("base.yaml"))
        try Data("extends: base.yaml\n".utf8).write(to: dir.appendingPathComponent("new.yaml"))
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("link.yaml").path, withDestinationPath: "/etc/hostname")
        let ws = try Workspace(root: dir.path)
        var errors: [Diagnostic] = []
        func collect(_ body: () throws -> Void) { do { try body() } catch let e as DocFillError { errors += e.diagnostics } catch {} }
        collect { _ = try ws.read("../x.yaml") }
        collect { _ = try ws.read("none.yaml") }
        collect { _ = try ws.read("link.yaml") }
        collect { try ws.save("new.yaml", text: "extends: /etc/x.yaml\n", ifVersion: nil) }
        collect { try ws.save("new.yaml", text: "a: 1\n", ifVersion: "0") }
        collect { try ws.save("new.yaml", value: try DataLoader.loadYAML("rows: [{id: b}]", file: "v"), ifVersion: nil) }
        #expect(errors.map(\.code) == ["invalid_id", "unknown_id", "outside_workspace", "outside_workspace", "stale_form", "unpatchable_change"])
        for d in errors { #expect(!DiagnosticMessages.message(for: d, in: .vi).contains("(chi tiết:"), "\(d)") }
        #expect(DiagnosticMessages.message(for: errors[4], in: .vi)
                    == "'new.yaml' đã được người khác lưu sau khi bạn mở biểu mẫu; thay đổi của bạn chưa được lưu. Hãy tải lại biểu mẫu và nhập lại")
        #expect(DiagnosticMessages.message(for: errors[5], in: .vi).hasPrefix("rows: không ghi được thay đổi so với tệp gốc"))
    }

    @Test func anUntranslatedMessageKeepsItsPathAndDetails() {
        let d = Diagnostic("data_syntax", "a: mapping values are not allowed here", at: SourceLocation(file: "d.yaml", line: 3))
        #expect(DiagnosticMessages.message(for: d, in: .vi) == "a: Tệp dữ liệu viết sai cú pháp (chi tiết: mapping values are not allowed here).")
        let missing = Diagnostic("missing_field", "signature.name: signer's name is empty")
        #expect(DiagnosticMessages.message(for: missing, in: .vi) == "signature.name: chưa nhập họ tên người ký")
        let unknownTerm = Diagnostic("missing_field", "x.y: something new is empty")
        #expect(DiagnosticMessages.message(for: unknownTerm, in: .vi) == "x.y: Chưa nhập nội dung bắt buộc (chi tiết: something new is empty).")
    }

    @Test func languageFromAcceptLanguage() {
        #expect(MessageLanguage.preferred(acceptLanguage: nil) == .vi)
        #expect(MessageLanguage.preferred(acceptLanguage: "en-US,en;q=0.9,vi;q=0.8") == .en)
        #expect(MessageLanguage.preferred(acceptLanguage: "fr-FR, vi;q=0.5, en;q=0.4") == .vi)
        #expect(MessageLanguage.preferred(acceptLanguage: "de, fr") == .vi)
        #expect(MessageLanguage.preferred(acceptLanguage: "vi;q=0, en") == .en)
    }

    @Test func formDatesAndNumbersAreVietnamese() {
        #expect(VietnameseFormat.formDate("2023-08-15") == "15/08/2023")
        #expect(VietnameseFormat.formDate("5/2/2024") == "05/02/2024")
        #expect(VietnameseFormat.formDate("2023-02-30") == nil)
        #expect(VietnameseFormat.number(1626.5) == "1.626,5")
    }

    @Test func fieldKeysOfTheFindings() throws {
        let findings = try Self.sampleFindings()
        let keys = Set(findings.compactMap { FieldKey.of($0)?.description })
        #expect(keys.isSuperset(of: ["number", "date", "signature.authority", "appendices[3].columns[2][4]",
                                     "appendices[5].stated_total.cells[0]", "kind",
                                     "parts[0].sections[1].subsections[1].items[2].bullets[11].text"]), "\(keys.sorted())")
        let unknown = try #require(findings.first { $0.code == "unknown_name" })
        #expect(FieldKey.of(unknown)?.description == "seller.name")
    }

    @Test func fieldKeysParseDataPathsOnly() throws {
        let key = try #require(FieldKey(path: "appendices[1].rows[2][3]"))
        #expect(key.steps == [.key("appendices"), .index(1), .key("rows"), .index(2), .index(3)])
        #expect(key.description == "appendices[1].rows[2][3]")
        #expect(key.htmlID == "f-appendices.1.rows.2.3")
        #expect(key.parent?.description == "appendices[1].rows[2]")
        for bad in ["", "a..b", "a[", "a[x]", "[1]x", "a b", "1a", "a.", "a[-1]", "cannot read the data file"] {
            #expect(FieldKey(path: bad) == nil, "\(bad)")
        }
        let inItem = Diagnostic("unknown_name", "'{{name}}': no 'name' in the data",
                                at: SourceLocation(file: "t.docx", authorPlace: AuthorPlace(site: .paragraph(3), text: "{{name}}", item: "items[1]")))
        #expect(FieldKey.of(inItem)?.description == "items[1].name")
        let section = Diagnostic("section_kind", "'{{#items}}' reads names of an object, but 'items' is a string")
        #expect(FieldKey.of(section)?.description == "items")
        let rich = Diagnostic("rich_markup", "'{{body}}' (data 'parts[0].text'), character 4 ('*a'): an emphasis is not closed")
        #expect(FieldKey.of(rich)?.description == "parts[0].text")
        #expect(FieldKey.of(Diagnostic("io_error", "cannot read the data file: no such file")) == nil)
        #expect(FieldKey.of(Diagnostic("invalid_id", "'../x.yaml' is not a workspace name")) == nil)
        #expect(FieldKey.of(Diagnostic("unused_key", "'notes.extra' is not a key of the official report model; it is ignored"))?.description == "notes.extra")
    }
}
