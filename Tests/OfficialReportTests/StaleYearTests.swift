import DocFill
import OfficialReport
import Testing

/// Years of the previous period left in a later report (`stale_year`).
struct StaleYearTests {
    static func report(date: String, subject: String, period: ReportPeriod? = nil, number: String = "05") -> Report {
        var r = Fixture.minimalParty()
        r.date = date; r.subject = subject; r.period = period; r.number = number
        return r
    }

    @Test func theBaseYearLeftInTheSubjectIsStale() {
        let base = Self.report(date: "2023-08-15", subject: "công tác dân vận năm 2023")
        let findings = Self.report(date: "2024-08-15", subject: "công tác dân vận năm 2023").staleYearFindings(base: base)
        #expect(findings.map(\.code) == ["stale_year"])
        #expect(findings.map(\.path) == ["subject"])
        #expect(findings.first?.message == "mentions 2023, a year of the previous report's period, in a report for 2024: \"công tác dân vận năm 2023\"")
        #expect(Self.report(date: "2024-08-15", subject: "công tác dân vận năm 2024").staleYearFindings(base: base).isEmpty)
    }

    @Test func historyIsNotStale() {
        let base = Self.report(date: "2023-08-15", subject: "Nghị quyết số 25-NQ/TW ngày 03/6/2013, giai đoạn 2021-2025")
        #expect(Self.report(date: "2024-08-15", subject: base.subject).staleYearFindings(base: base).isEmpty)
    }

    @Test func thePeriodDecidesForReportsDatedInTheNextYear() {
        // Dated January, about the year before: 2024's report on 2023 extends 2023's on 2022.
        let base = Self.report(date: "2023-01-10", subject: "năm 2022", period: ReportPeriod(from: "2022-01-01", to: "2022-12-31"))
        let period = ReportPeriod(from: "2023-01-01", to: "2023-12-31")
        #expect(Self.report(date: "2024-01-10", subject: "năm 2023", period: period).staleYearFindings(base: base).isEmpty)
        let stale = Self.report(date: "2024-01-10", subject: "năm 2022", period: period, number: "2022").staleYearFindings(base: base)
        #expect(stale.map(\.path) == ["number", "subject"])
        // A period left as it was, with a later date: the period is the base's, nothing is later.
        #expect(Self.report(date: "2024-01-10", subject: "năm 2022", period: base.period).staleYearFindings(base: base).isEmpty)
    }

    @Test func theBaseDateLeftAsItWasIsStale() {
        let base = Self.report(date: "2023-08-15", subject: "s")
        #expect(Self.report(date: "2023-08-15", subject: "s").staleYearFindings(base: base).map(\.path) == ["date"])
    }

    @Test func headerAndDateLineFieldsAreChecked() {
        let base = Self.report(date: "2023-08-15", subject: "s")
        var r = Self.report(date: "2024-08-15", subject: "s")
        r.issuer.nameLines = ["ĐẢNG ỦY PHƯỜNG PHỔ HÒA 2023"]
        r.place = "Phổ Hòa 2023"
        r.period = ReportPeriod(from: "2023-06-01", to: "2024-05-31")
        // 2023 is in this report's own period now: not stale.
        #expect(r.staleYearFindings(base: base).isEmpty)
        r.period = nil
        #expect(r.staleYearFindings(base: base).map(\.path) == ["issuer.name_lines[0]", "place"])
    }
}
