import Foundation
import Testing
import OfficialReport

@Suite("Sample pho-hoa-2023.yaml")
struct SampleDecodingTests {
    @Test func sampleDecodes() throws {
        let r = try Fixture.loadSample()
        #expect(r.kind == .party)
        #expect(r.issuer.nameLines == ["ĐẢNG ỦY PHƯỜNG PHỔ HÒA"])
        #expect(r.issuer.superior == "ĐẢNG BỘ THỊ XÃ ĐỨC PHỔ")
        #expect(r.number == "05")
        #expect(r.symbol == "BC/ĐU")
        #expect(r.documentType == "BÁO CÁO")
        #expect(r.subject.hasPrefix("tổng kết 10 năm thực hiện Nghị quyết số 25-NQ/TW"))
        #expect(r.signature == ReportSignature(authority: "T/M ĐẢNG ỦY", title: "PHÓ BÍ THƯ", name: "Võ Thanh"))
        #expect(r.recipients.count == 6)
        #expect(r.archive == "- Lưu Văn phòng Đảng uỷ.")
        #expect(r.closing?.hasPrefix("Trên đây là báo cáo tổng kết 10 năm") == true)
    }

    @Test func sampleStructure() throws {
        let r = try Fixture.loadSample()
        #expect(r.parts.count == 2)
        #expect(r.parts[0].sections.map(\.title) == [
            "Đặc điểm tình hình", "Công tác lãnh đạo, chỉ đạo triển khai",
            "Kết quả thực hiện các nhiệm vụ, giải pháp", "Hạn chế, nguyên nhân",
        ])
        #expect(r.parts[0].sections.map(\.subsections.count) == [2, 4, 7, 3])
        #expect(r.parts[1].title == "NHIỆM VỤ VÀ GIẢI PHÁP\nTIẾP TỤC THỰC HIỆN CÓ HIỆU QUẢ NGHỊ QUYẾT 25")
        #expect(r.parts[1].sections[0].items.compactMap(\.number) == ["1", "2", "3", "4"])
        #expect(r.parts[1].sections[1].title == "Kiến nghị, đề xuất: không")
        // II.2 lists 16 Party documents and 8 People's Committee documents with "+".
        let ii2 = r.parts[0].sections[1].subsections[1].items
        let plusLists = ii2.filter { $0.bulletMarker == "+" }
        #expect(plusLists.map(\.bullets.count) == [16, 8])
        #expect(ii2.flatMap(\.bullets).flatMap(\.bullets).count == 2)

        #expect(r.appendices.count == 6)
        #expect(r.appendices.map(\.rows.count) == [23, 2, 2, 2, 3, 2])
        #expect(r.appendices.map { $0.dataColumnCount ?? -1 } == [4, 28, 10, 16, 14, 10])
        #expect(r.appendices[3].notes == ["Ghi chú: Riêng mục (4) chỉ thống kê theo năm, không thống kê theo giai đoạn"])
    }

    @Test func sampleTextIsNFC() throws {
        let text = try String(contentsOf: Fixture.samplePath, encoding: .utf8)
        #expect(text.precomposedStringWithCanonicalMapping.unicodeScalars.elementsEqual(text.unicodeScalars))
        #expect(!text.contains("\u{00D0}"), "Icelandic eth instead of Đ")
    }

    @Test func sampleRoundTripsThroughJSON() throws {
        let r = try Fixture.loadSample()
        let data = try JSONEncoder().encode(r)
        let back = try JSONDecoder().decode(Report.self, from: data)
        #expect(back == r)
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(json["document_type"] as? String == "BÁO CÁO")
        #expect(json["appendices"] is [Any])
    }

    /// The seed's slip (a stated total its rows contradict) and the two header labels the
    /// seed lost and its meaning does not give (appendix 4, group (2)), both warnings.
    @Test func sampleValidationFindsOnlyTheSeedSlip() throws {
        let all = try Fixture.loadSample().validate()
        #expect(all.filter { $0.code == "blank_header" }.map(\.path) == ["appendices[3].columns[2][4]", "appendices[3].columns[2][5]"])
        let findings = all.filter { $0.code != "blank_header" }
        #expect(findings.count == 1, "\(findings)")
        let f = try #require(findings.first)
        #expect(f.code == "total_mismatch")
        #expect(f.path == "appendices[5].stated_total.cells[0]")
        #expect(f.message.contains("SỐ LIỆU MÔ HÌNH \"DÂN VẬN KHÉO\""))
        #expect(f.message.contains("Tổng cộng"))
        #expect(f.message.contains("Tổng số mô hình được công nhận / Tập thể"))
        #expect(f.message.contains("stated 15"))
        #expect(f.message.contains("32"))
    }

    @Test func sampleTemplateData() throws {
        let view = try Fixture.loadSample().templateData()
        #expect(view.numberLine == "Số 05-BC/ĐU")
        #expect(view.dateLine == "Phổ Hòa, ngày 15 tháng 8 năm 2023")
        #expect(view.parts.map(\.label) == ["Phần thứ nhất", "Phần thứ hai"])
        #expect(view.parts[0].sections.map(\.heading).first == "I- Đặc điểm tình hình")
        #expect(view.parts[0].sections[0].subsections[0].heading == "1. Thuận lợi")
        #expect(view.appendices.map(\.label).last == "Phụ lục 6")
        #expect(view.appendices[0].attachmentLine == "(Kèm theo Báo cáo số 05-BC/ĐU, ngày 15/8/2023 của Đảng ủy phường Phổ Hòa)")
        // Computed totals follow the rows, not the stated 15.
        #expect(view.appendices[5].totalRow?.cells == ["32", "1", "13", "14", "5", "", "", "", "1", "2"])
        #expect(view.appendices[2].totalRow?.all == ["Tổng cộng", "166", "3.880", "20", "20", "20", "0", "0", "8", "8", "0"])
        #expect(view.appendices[4].totalRow == nil)
        let markers = view.parts[0].sections[1].subsections[1].items.flatMap(\.bullets).map(\.marker)
        #expect(Set(markers) == ["-", "+"])
    }
}
