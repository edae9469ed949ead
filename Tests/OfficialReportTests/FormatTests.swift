import Foundation
import Testing
import OfficialReport

@Suite("Number and date lines")
struct FormatTests {
    @Test func partyNumberLine() {
        let r = Fixture.minimalParty()
        #expect(r.numberLine == "Số 05-BC/ĐU")
        #expect(ReportFormat.numberLine(kind: .party, number: "12", symbol: "BC/ĐU") == "Số 12-BC/ĐU")
    }

    @Test func stateNumberLine() {
        let r = Fixture.minimalState()
        #expect(r.numberLine == "Số: 05/BC-UBND")
        #expect(ReportFormat.numberLine(kind: .state, number: "120", symbol: "BC-UBND") == "Số: 120/BC-UBND")
    }

    @Test(arguments: [
        ("2023-08-15", "Phổ Hòa, ngày 15 tháng 8 năm 2023"),
        ("2024-02-05", "Phổ Hòa, ngày 05 tháng 02 năm 2024"),
        ("2020-01-05", "Phổ Hòa, ngày 05 tháng 01 năm 2020"),
        ("2019-06-29", "Phổ Hòa, ngày 29 tháng 6 năm 2019"),
        ("2020-03-02", "Phổ Hòa, ngày 02 tháng 3 năm 2020"),
        ("2023-12-10", "Phổ Hòa, ngày 10 tháng 12 năm 2023"),
    ])
    func dateLinePadding(iso: String, expected: String) {
        var r = Fixture.minimalParty()
        r.date = iso
        #expect(r.dateLine == expected)
        r.kind = .state
        #expect(r.dateLine == expected)
    }

    @Test func invalidDateGivesEmptyLine() {
        var r = Fixture.minimalParty()
        r.date = "2023-02-30"
        #expect(r.dateLine == "")
        #expect(ReportFormat.dateLine(place: "Phổ Hòa", isoDate: "x") == nil)
    }

    @Test func romanAndOrdinals() {
        #expect((1...12).map(ReportFormat.roman) == ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"])
        #expect(ReportFormat.roman(49) == "XLIX")
        #expect(ReportFormat.partLabel(kind: .party, index: 1) == "Phần thứ nhất")
        #expect(ReportFormat.partLabel(kind: .party, index: 4) == "Phần thứ tư")
        #expect(ReportFormat.partLabel(kind: .state, index: 2) == "Phần II")
        #expect(ReportFormat.appendixLabel(kind: .party, index: 6) == "Phụ lục 6")
        #expect(ReportFormat.appendixLabel(kind: .state, index: 6) == "Phụ lục VI")
    }

    @Test func attachmentLines() {
        #expect(Fixture.minimalParty().appendixAttachmentLine
                == "(Kèm theo Báo cáo số 05-BC/ĐU, ngày 15/8/2023 của Đảng ủy phường Phổ Hòa)")
        #expect(Fixture.minimalState().appendixAttachmentLine
                == "(Kèm theo Báo cáo số 05/BC-UBND ngày 15 tháng 8 năm 2023 của Ủy ban nhân dân phường Phổ Hòa)")
    }

    @Test func viewForStateReport() throws {
        let v = Fixture.minimalState().templateData()
        #expect(v.nationalHeading == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"])
        #expect(v.issuerName == "ỦY BAN NHÂN DÂN PHƯỜNG PHỔ HÒA")
        #expect(v.numberLine == "Số: 05/BC-UBND")
        #expect([v.day, v.month, v.year] == ["15", "8", "2023"])
        #expect(v.recipientLines == ["- TT Đảng ủy phường;", "- Lưu: VT, VP."])
        #expect(v.parts[0].label == "Phần I")
        let json = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(v)) as? [String: Any])
        #expect(json["number_line"] as? String == "Số: 05/BC-UBND")
        #expect(json["date_line"] as? String == "Phổ Hòa, ngày 15 tháng 8 năm 2023")
        #expect(json["is_state"] as? Bool == true)
    }

    @Test func bulletMarkers() {
        let item = ReportItem(text: "như sau:", bullets: [ReportBullet("a", bullets: [ReportBullet("b")])])
        let plus = ReportItem(text: "như:", bulletMarker: "+", bullets: [ReportBullet("c")])
        var r = Fixture.minimalParty()
        r.parts[0].sections[0].subsections[0].items = [item, plus, ReportItem(number: "1", text: "Một.")]
        let items = r.templateData().parts[0].sections[0].subsections[0].items
        #expect(items[0].bullets[0].display == "- a")
        #expect(items[0].bullets[0].bullets[0].display == "+ b")
        #expect(items[1].bullets[0].display == "+ c")
        #expect(items[2].display == "1. Một.")
    }
}
