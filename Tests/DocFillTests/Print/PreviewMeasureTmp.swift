import Foundation
import Testing
import OfficialReport
@testable import DocFill

@Suite(.serialized) struct PreviewMeasureTmp {
    @Test func measure() throws {
        guard ProcessInfo.processInfo.environment["MEASURE"] != nil else { return }
        let template = try DocumentTemplate(contentsOf: TestPaths.repo.appendingPathComponent("Templates/bao-cao-dang-uy.docx").path)
        let data = try DataLoader.load(contentsOf: TestPaths.repo.appendingPathComponent("Samples/pho-hoa-2023.yaml").path)
        func doc(_ n: String) throws -> [UInt8] {
            guard case .object(var o) = data else { return [] }
            o["number"] = .string(n)
            return [UInt8](try RenderJob(data: .value(.object(o), name: "x"), models: DataModels([OfficialReportModel()])).renderData(template).document)
        }
        let docs = try (10..<16).map { try doc(String($0)) }
        func time(_ body: () throws -> Void) rethrows -> Double { let t = Date(); try body(); return Date().timeIntervalSince(t) }
        var lines: [String] = []
        for round in 0..<3 {
            let fresh = try PreviewService()
            let coldFirst = try time { let c = try fresh.convert(docs[0], format: .docx); _ = try fresh.page(1, of: c.key) }
            let warmFirst = try time { let c = try fresh.convert(docs[1], format: .docx); _ = try fresh.page(1, of: c.key) }
            let hitFirst = try time { let c = try fresh.convert(docs[1], format: .docx); _ = try fresh.page(1, of: c.key) }
            fresh.stop()
            let dir0 = TestPaths.scratch()
            let file0 = dir0.appendingPathComponent("r.docx").path
            try Data(docs[0]).write(to: URL(fileURLWithPath: file0))
            let oneShotFirst = try time { _ = try PagePreview.render(document: file0, to: dir0.appendingPathComponent("png").path, pages: [1], converter: { try PDFConverter() }) }
            lines.append("page 1 of the report: cold \(String(format: "%.2f", coldFirst)) s, warm \(String(format: "%.2f", warmFirst)) s, cached \(String(format: "%.3f", hitFirst)) s, one-shot soffice (docfill preview --pages 1) \(String(format: "%.2f", oneShotFirst)) s")
        }
        for round in 0..<1 {
            let service = try PreviewService()
            var pages = 0
            let cold = try time { pages = try service.preview(of: docs[0], format: .docx).pageCount }
            var warm: [Double] = []
            for d in docs.dropFirst() { warm.append(try time { _ = try service.preview(of: d, format: .docx) }) }
            var firstPage: [Double] = []
            for n in 20..<23 { let d = try doc(String(n)); firstPage.append(try time { let c = try service.convert(d, format: .docx); _ = try service.page(1, of: c.key) }) }
            lines.append("convert + page 1 (warm): " + firstPage.map { String(format: "%.2f", $0) }.joined(separator: " ") + " s")
            let hit = try time { _ = try service.preview(of: docs[1], format: .docx) }
            let hashOnly = time { _ = SHA256.hash(docs[0]) }
            service.stop()
            // The CLI's path: one soffice per document (PDFConverter), then the same pdftoppm.
            let dir = TestPaths.scratch()
            let file = dir.appendingPathComponent("r.docx").path
            try Data(docs[0]).write(to: URL(fileURLWithPath: file))
            let oneShot = try time { _ = try PagePreview.render(document: file, to: dir.appendingPathComponent("png").path, converter: { try PDFConverter() }) }
            lines.append("round \(round): pages \(pages) doc \(docs[0].count) B; cold \(String(format: "%.2f", cold)) s; warm " + warm.map { String(format: "%.2f", $0) }.joined(separator: " ") + " s; cache hit \(String(format: "%.3f", hit)) s (hash \(String(format: "%.3f", hashOnly)) s); one-shot soffice (CLI preview) \(String(format: "%.2f", oneShot)) s")
        }
        try lines.joined(separator: "\n").write(toFile: "/tmp/ws21-measure.txt", atomically: true, encoding: .utf8)
    }
}
