import Foundation
import Testing
import OfficialReport
@testable import DocFill

/// `PreviewService`: LibreOffice kept warm (one process, queued conversions, a cache by
/// content hash), recovering when the process dies, stopping cleanly. Needs soffice,
/// poppler-utils and python3-uno (`scripts/setup.sh --tests`); serialized, since each case
/// runs LibreOffice.
@Suite(.serialized) struct PreviewServiceTests {
    /// A small document: the row-loop fixture rendered with its data, `tag` in its first item.
    static func small(_ tag: String = "Apple") throws -> [UInt8] {
        let template = try DocumentTemplate(contentsOf: TestPaths.fixture("row-loop.docx"))
        var text = try String(contentsOfFile: TestPaths.fixture("row-loop.json"), encoding: .utf8)
        text = text.replacingOccurrences(of: "Apple", with: tag)
        return [UInt8](try template.renderData(try DataLoader.loadJSON(Array(text.utf8), file: "row-loop.json")))
    }

    /// Whether a process of `group` still runs, after giving a killed one 2 s to go. Zombies
    /// do not count: in a container whose first process reaps nothing, killed children of
    /// LibreOffice's launcher stay zombies.
    static func alive(_ group: Int32) -> Bool {
        func running() -> Bool {
            let pids = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
            return pids.contains { pid in
                guard Int(pid) != nil, let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                      let close = stat.lastIndex(of: ")") else { return false }
                // After "pid (comm)": state, ppid, pgrp.
                let fields = stat[stat.index(after: close)...].split(separator: " ")
                return fields.count > 2 && fields[0] != "Z" && Int32(fields[2]) == group
            }
        }
        for _ in 0..<100 where running() { usleep(20_000) }
        return running()
    }

    /// The Party report rendered as ODT: seven pages, long enough to kill LibreOffice mid-way.
    static func report() throws -> [UInt8] {
        let template = try DocumentTemplate(contentsOf: TestPaths.repo.appendingPathComponent("Templates/bao-cao-dang-uy.odt").path)
        let job = RenderJob(data: .file(TestPaths.repo.appendingPathComponent("Samples/pho-hoa-2023.yaml").path),
                            models: DataModels([OfficialReportModel()]))
        return [UInt8](try job.renderData(template).document)
    }

    @Test func convertsOnceAndAnswersTheSameDocumentFromTheCache() throws {
        let service = try PreviewService()
        defer { service.stop() }
        let first = try service.preview(of: try Self.small(), format: .docx)
        #expect(first.pageCount == 1)
        #expect(first.pages.count == 1)
        #expect(first.pages[0].prefix(8) == PrintStepTests.png)
        #expect(first.pdf.prefix(5) == Data("%PDF-".utf8))
        let pdf = TestPaths.scratch().appendingPathComponent("p.pdf")
        try first.pdf.write(to: pdf)
        #expect(try PrintTests.firstPageText(pdf.path).contains("Apple"))
        let again = try service.preview(of: try Self.small(), format: .docx)
        #expect(again.key == first.key && again.pages == first.pages)
        #expect(service.statistics == PreviewService.Statistics(conversions: 1, cacheHits: 1, starts: 1, pagesDrawn: 1))
        // Another document: the same LibreOffice converts it.
        let other = try service.preview(of: try Self.small("Quince"), format: .docx)
        #expect(other.key != first.key)
        #expect(service.statistics == PreviewService.Statistics(conversions: 2, cacheHits: 1, starts: 1, pagesDrawn: 2))
        // Nothing of the conversions stays in the service's folder but LibreOffice's own.
        #expect(try FileManager.default.contentsOfDirectory(atPath: service.work.path).sorted() == ["office.log", "profile", "tmp", "warm-office.py"])
    }

    @Test func theReportPreviewsAllItsPages() throws {
        let service = try PreviewService()
        defer { service.stop() }
        let preview = try service.preview(of: try Self.report(), format: .odt)
        #expect(preview.pageCount > 5)
        #expect(preview.pages.count == preview.pageCount)
        #expect(preview.pages.allSatisfy { $0.prefix(8) == PrintStepTests.png })
    }

    @Test func pagesAreDrawnWhenAskedFor() throws {
        let service = try PreviewService()
        defer { service.stop() }
        let converted = try service.convert(try Self.report(), format: .odt)
        #expect(converted.pageCount > 5)
        #expect(service.statistics.pagesDrawn == 0)
        let second = try service.page(2, of: converted.key)
        #expect(second.prefix(8) == PrintStepTests.png)
        #expect(try service.page(2, of: converted.key) == second)
        #expect(service.statistics.pagesDrawn == 1)
        let outside = #expect(throws: DocFillError.self) { try service.page(converted.pageCount + 1, of: converted.key) }
        #expect(outside?.description == "error[page_out_of_range]: page \(converted.pageCount + 1) does not exist; the document has \(converted.pageCount) pages")
        let unknown = #expect(throws: DocFillError.self) { try service.page(1, of: "0123456789abcdef") }
        #expect(unknown?.description == "error[preview_failed]: the document 0123456789ab… is no longer in the preview cache; convert it again")
        // The whole preview draws the other pages and keeps page 2's image.
        let all = try service.preview(of: try Self.report(), format: .odt)
        #expect(all.pages.count == converted.pageCount && all.pages[1] == second)
        #expect(service.statistics.conversions == 1)
    }

    @Test func startsAgainWhenLibreOfficeIsKilled() throws {
        let service = try PreviewService()
        defer { service.stop() }
        try service.start()
        let first = try #require(service.processID)
        // Killed while idle: the next preview starts it again.
        kill(-first, SIGKILL)
        _ = try service.preview(of: try Self.small("Pear"), format: .docx)
        let second = try #require(service.processID)
        #expect(second != first && !Self.alive(first))
        #expect(service.statistics.starts == 2)

        // Killed in the middle of a conversion: started again and the conversion retried.
        let result = Locked<Result<PreviewService.Preview, Error>?>(nil)
        let report = try Self.report()
        let thread = Thread {
            let outcome = Result { try service.preview(of: report, format: .odt) }
            result.update { $0 = outcome }
        }
        thread.start()
        while !service.isBusy && result.value == nil { usleep(1_000) }
        kill(-second, SIGKILL)
        while result.value == nil { usleep(10_000) }
        let preview = try #require(try result.value?.get())
        #expect(preview.pageCount > 5)
        #expect(!Self.alive(second))
        #expect(service.statistics.starts == 3)
        #expect(try service.preview(of: try Self.small("Fig"), format: .docx).pageCount == 1)
    }

    @Test func aConversionOverTheTimeLimitIsStopped() throws {
        var options = PreviewService.Options()
        options.timeout = 0.001
        let service = try PreviewService(options: options)
        defer { service.stop() }
        try service.start()
        let group = try #require(service.processID)
        let error = #expect(throws: DocFillError.self) { try service.preview(of: try Self.small(), format: .docx) }
        #expect(error?.description == "error[pdf_timeout]: LibreOffice did not finish within 1 s and was stopped; no preview was made")
        #expect(!Self.alive(group))
    }

    @Test func stopQuitsLibreOfficeAndRemovesItsFiles() throws {
        let service = try PreviewService()
        try service.start()
        let group = try #require(service.processID)
        #expect(Self.alive(group))
        let folder = service.work.path
        service.stop()
        #expect(service.processID == nil)
        #expect(!Self.alive(group))
        #expect(!FileManager.default.fileExists(atPath: folder))
    }
}
