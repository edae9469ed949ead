import Foundation
import Testing
import OfficialReport

@Suite("Validation rules")
struct ValidationTests {
    private func codes(_ r: Report) -> [String] { r.validate().map(\.code) }

    @Test func minimalReportsAreValid() {
        #expect(Fixture.minimalParty().validate() == [])
        #expect(Fixture.minimalState().validate() == [])
    }

    @Test func partySymbol() {
        var r = Fixture.minimalParty()
        #expect(!codes(r).contains("bad_number_symbol"))
        for bad in ["BC-ĐU", "KH/ĐU", "BC/", "BC/Đ U", ""] {
            r.symbol = bad
            let f = r.validate().filter { $0.code == "bad_number_symbol" }
            #expect(f.map(\.path) == ["symbol"], "symbol \(bad)")
        }
    }

    @Test func stateSymbol() {
        var r = Fixture.minimalState()
        #expect(!codes(r).contains("bad_number_symbol"))
        for bad in ["BC/UBND", "BC-", "TTr-UBND"] {
            r.symbol = bad
            #expect(r.validate().filter { $0.code == "bad_number_symbol" }.map(\.path) == ["symbol"], "symbol \(bad)")
        }
    }

    @Test func numberMustBeZeroPaddedDigits() {
        var r = Fixture.minimalParty()
        r.number = "12"
        #expect(!codes(r).contains("bad_number_symbol"))
        for bad in ["5", "0a", ""] {
            r.number = bad
            #expect(r.validate().filter { $0.code == "bad_number_symbol" }.map(\.path) == ["number"], "number \(bad)")
        }
    }

    @Test func dateMustBeValid() {
        var r = Fixture.minimalParty()
        for good in ["2024-02-29", "2023-12-31", "2023-01-01", "15/8/2023", "29/02/2024"] {    // as the date filter reads them
            r.date = good
            #expect(!codes(r).contains("bad_date"), "date \(good)")
        }
        for bad in ["2023-02-29", "2023-13-01", "29/02/2023", "2023-8-15", "2023-04-31", ""] {
            r.date = bad
            #expect(r.validate().filter { $0.code == "bad_date" }.map(\.path) == ["date"], "date \(bad)")
        }
    }

    @Test func requiredFields() {
        let ok = Fixture.minimalParty()
        #expect(!codes(ok).contains("missing_field"))

        var r = ok; r.issuer.nameLines = []
        #expect(r.validate().contains { $0.code == "missing_field" && $0.path == "issuer.name_lines" })
        r = ok; r.issuer.nameLines = ["  "]
        #expect(r.validate().contains { $0.code == "missing_field" && $0.path == "issuer.name_lines" })
        r = ok; r.subject = ""
        #expect(r.validate().contains { $0.code == "missing_field" && $0.path == "subject" })
        r = ok; r.documentType = " "
        #expect(r.validate().contains { $0.code == "missing_field" && $0.path == "document_type" })
        r = ok; r.signature.name = ""
        #expect(r.validate().contains { $0.code == "missing_field" && $0.path == "signature.name" })
        r = ok; r.signature.title = ""
        #expect(r.validate().contains { $0.code == "missing_field" && $0.path == "signature.title" })
        r = ok; r.parts[0].sections[0].title = ""
        #expect(r.validate().contains { $0.code == "missing_field" && $0.path == "parts[0].sections[0].title" })
        r = ok; r.issuer.superior = nil
        #expect(r.validate().contains { $0.code == "missing_field" && $0.path == "issuer.superior" })
        // A State report may have no superior body.
        var s = Fixture.minimalState(); s.issuer.superior = nil
        #expect(s.validate() == [])
    }

    @Test func authorityForm() {
        var r = Fixture.minimalParty()
        r.signature.authority = "TM. ĐẢNG ỦY"
        #expect(r.validate().map(\.code) == ["bad_authority"])
        var s = Fixture.minimalState()
        s.signature.authority = "T/M ỦY BAN NHÂN DÂN"
        #expect(s.validate().map(\.code) == ["bad_authority"])
        s.signature.authority = "KT. CHỦ TỊCH"
        #expect(s.validate() == [])
    }

    @Test func rowWidthMustMatchColumns() {
        var r = Fixture.minimalParty()
        #expect(!codes(r).contains("row_width_mismatch"))
        r.appendices[0].rows[1].cells.append("9")
        let f = r.validate().filter { $0.code == "row_width_mismatch" }
        #expect(f.map(\.path) == ["appendices[0].rows[1]"])
        #expect(f.first?.message.contains("4 cells") == true)
        r = Fixture.minimalParty()
        r.appendices[0].statedTotal?.cells.removeLast()
        #expect(r.validate().filter { $0.code == "row_width_mismatch" }.map(\.path) == ["appendices[0].stated_total"])
    }

    @Test func headerMustTile() {
        var r = Fixture.minimalParty()
        r.appendices[0].columns[1].append(AppendixHeaderCell("Thừa"))
        let widest = r.appendices[0].headerGrid.rowCoverage.max()!
        let found = r.validate().filter { $0.code == "header_span_mismatch" }
        #expect(found.map(\.path) == (0..<r.appendices[0].columns.count).filter { r.appendices[0].headerGrid.rowCoverage[$0] != widest }
            .map { "appendices[0].columns[\($0)]" })
        #expect(!found.isEmpty)
    }

    /// A header row whose spans fall short of the grid is named with its appendix and row.
    @Test func headerSpansMustAddUpToTheColumns() {
        var r = Fixture.minimalParty()
        r.appendices[0].columns = [[AppendixHeaderCell("TT", rowspan: 2), AppendixHeaderCell("Số liệu các năm", colspan: 3)],
                                   [AppendixHeaderCell("2021"), AppendixHeaderCell("2022")]]
        #expect(r.validate().filter { $0.code == "header_span_mismatch" }.map(\.description)
                == ["header_span_mismatch at appendices[0].columns[1]: header row 2 of appendix 1 covers 3 of 4 grid columns: the colspans of its cells and the rowspans reaching it from the rows above must add up to 4"])
    }

    @Test func totalConfigColumnsInRange() {
        var r = Fixture.minimalParty()
        r.appendices[0].totalRow?.exclude = [7]
        #expect(r.validate().contains { $0.code == "bad_total_config" })
    }

    @Test func statedTotalMustMatchRows() {
        var r = Fixture.minimalParty()
        #expect(!codes(r).contains("total_mismatch"))
        r.appendices[0].statedTotal?.cells[1] = "3.800"
        let f = r.validate().filter { $0.code == "total_mismatch" }
        #expect(f.map(\.path) == ["appendices[0].stated_total.cells[1]"])
        #expect(f.first?.message.contains("Kết quả / Số người") == true)
        #expect(f.first?.message.contains("3.880") == true)
    }

    @Test func percentMustMatchItsColumns() {
        var a = Fixture.simpleAppendix()
        a.columns = [[AppendixHeaderCell("Năm"), AppendixHeaderCell("Tiếp nhận"), AppendixHeaderCell("Giải quyết"), AppendixHeaderCell("Tỷ lệ %")]]
        a.rows = [AppendixRow(label: "2022", cells: ["40", "36", "90"]),
                  AppendixRow(label: "2023", cells: ["10", "9", "80"])]
        a.totalRow = TotalRowConfig(percent: [PercentRule(column: 2, numerator: 1, denominator: 0)])
        a.statedTotal = AppendixRow(label: "Tổng cộng", cells: ["50", "45", "90"])
        var r = Fixture.minimalParty()
        r.appendices = [a]
        let f = r.validate()
        #expect(f.map(\.code) == ["percent_mismatch"])
        #expect(f.map(\.path) == ["appendices[0].rows[1].cells[2]"])
        r.appendices[0].rows[1].cells[2] = "90"
        #expect(r.validate() == [])
    }
}
