import Foundation
import Testing
import OfficialReport

@Suite("Aggregates")
struct AggregateTests {
    @Test func parsesVietnameseNumbers() {
        #expect(VietnameseNumber.parse("6.800") == 6800)
        #expect(VietnameseNumber.parse("14.490") == 14490)
        #expect(VietnameseNumber.parse("2100") == 2100)
        #expect(VietnameseNumber.parse("1.626,5") == 1626.5)
        #expect(VietnameseNumber.parse("4,97") == 4.97)
        #expect(VietnameseNumber.parse(" 90,3% ") == 90.3)
        #expect(VietnameseNumber.parse("250.000.000") == 250_000_000)
        #expect(VietnameseNumber.parse("0") == 0)
        for text in ["", "27 triệu đồng", "6.80", "1,2,3", "x", "12.3456", "-"] {
            #expect(VietnameseNumber.parse(text) == nil, "\(text)")
        }
    }

    @Test func formatsVietnameseNumbers() {
        #expect(VietnameseNumber.format(14490) == "14.490")
        #expect(VietnameseNumber.format(2940) == "2.940")
        #expect(VietnameseNumber.format(940) == "940")
        #expect(VietnameseNumber.format(2940, grouping: false) == "2940")
        #expect(VietnameseNumber.format(1626.5, decimals: 1) == "1.626,5")
        #expect(VietnameseNumber.format(15.95, decimals: 2) == "15,95")
        #expect(VietnameseNumber.format(100, decimals: 1) == "100")
        #expect(VietnameseNumber.format(250_000_000) == "250.000.000")
        #expect(VietnameseNumber.format(-1234) == "-1.234")
    }

    @Test func percentHelper() {
        #expect(ReportPercent.text(65, of: 72) == "90,3%")
        #expect(ReportPercent.text(50, of: 57, decimals: 2) == "87,72%")
        #expect(ReportPercent.of(1, 0) == nil)
        #expect(ReportPercent.of(6800, 6800) == 100)
    }

    @Test func totalsOfSimpleAppendix() {
        let t = Fixture.simpleAppendix().totals()
        #expect(t.values == [166, 3880, nil])
        #expect(t.cells == ["166", "3.880", ""])
        #expect(t.rowCount == 2)
        #expect(t.filledCounts == [2, 2, 1])
        #expect(t.numericCounts == [2, 2, 0])
        #expect(t.row == AppendixRow(label: "Tổng cộng", cells: ["166", "3.880", ""]))
    }

    @Test func explicitAndExcludedColumns() {
        var a = Fixture.simpleAppendix()
        a.totalRow = TotalRowConfig(label: "Cộng", columns: [1])
        #expect(a.totals().cells == ["", "3.880", ""])
        a.totalRow = TotalRowConfig(exclude: [0], groupThousands: false)
        #expect(a.totals().cells == ["", "3880", ""])
        #expect(a.summedColumns == [1])
    }

    /// Found by FuzzData: a ratio column the data names outside the table (past its width, or
    /// negative) with a stated total row made the consistency check index past the totals.
    @Test func ratioColumnsOutsideTheTableAreSkipped() {
        var a = Fixture.simpleAppendix()
        a.statedTotal = AppendixRow(label: "Tổng cộng", cells: ["166", "3880", "", "", "", "", "", "", "", "", "9"])
        for rule in [PercentRule(column: 10, numerator: 0, denominator: 1),
                     PercentRule(column: -1, numerator: 0, denominator: 1),
                     PercentRule(column: 2, numerator: -3, denominator: 1)] {
            a.totalRow = TotalRowConfig(percent: [rule])
            #expect(a.consistencyFindings(index: 0).isEmpty)
        }
    }

    @Test func decimalsKeepTheirScale() {
        var a = Fixture.simpleAppendix()
        a.rows = [AppendixRow(label: "a", cells: ["4,97", "1", ""]), AppendixRow(label: "b", cells: ["5,4", "2", ""])]
        #expect(a.totals().cells == ["10,37", "3", ""])
    }

    @Test
    func sampleTotals() throws {
        let r = try Fixture.loadSample()
        // HĐND - UBND: sums plus the "Tỷ lệ %" ratio column.
        let hdnd = r.appendices[1].totals()
        #expect(hdnd.cells[0] == "93")
        #expect(hdnd.cells[9] == "2.940")
        #expect(hdnd.cells[14] == "14.490")
        #expect(hdnd.cells[16] == "100")
        #expect(hdnd.cells[20] == "57")
        #expect(hdnd.cells[7] == "")
        // MTTQ: cadre columns (per year) are not summed; "27 triệu đồng" is text.
        let mttq = r.appendices[3].totals()
        #expect(mttq.cells == ["9", "901", "11", "", "", "", "33", "31", "37", "1.784", "3", "6", "3", "", "", ""])
        // Each stated total except the Dân vận khéo slip agrees with computed totals.
        for (i, a) in r.appendices.enumerated() where a.statedTotal != nil {
            let computed = a.totals()
            for c in a.summedColumns {
                let stated = a.statedTotal!.cells[c].number
                if i == 5 && c == 0 {
                    #expect(stated == 15 && computed.values[c] == 32)
                } else if let stated {
                    #expect(stated == computed.values[c], "appendix \(i) column \(c)")
                }
            }
        }
    }

    @Test func headerGridPaths() {
        let g = AppendixHeaderGrid([
            [AppendixHeaderCell("Giai đoạn", rowspan: 3), AppendixHeaderCell("A", colspan: 3)],
            [AppendixHeaderCell("B", colspan: 2), AppendixHeaderCell("C", rowspan: 2)],
            [AppendixHeaderCell("b1"), AppendixHeaderCell("b2")],
        ])
        #expect(g.width == 4)
        #expect(g.problems == [])
        #expect(g.title(ofColumn: 0) == "Giai đoạn")
        #expect(g.title(ofColumn: 2) == "A / B / b2")
        #expect(g.title(ofColumn: 3) == "A / C")
    }
}
