import Foundation
import Testing
@testable import DocFill
import OfficialReport

/// The four official report templates rendered with the sample: valid, and reading as the seed.
struct ReportTemplateTests {
    static let templates = ["bao-cao-dang-uy.docx", "bao-cao-dang-uy.odt", "bao-cao-ubnd.docx", "bao-cao-ubnd.odt"]
    static let sample = TestPaths.repo.appendingPathComponent("Samples/pho-hoa-2023.yaml").path
    static let stateSample = TestPaths.repo.appendingPathComponent("Samples/ubnd-pho-hoa-2025.yaml").path

    static func template(_ name: String) -> String { TestPaths.repo.appendingPathComponent("Templates/\(name)").path }

    /// The sample for a template: the State sample for the UBND report, else the Party sample.
    static func sample(for name: String) -> String { name.contains("ubnd") ? stateSample : sample }

    /// Renders a template with a sample through the report model; returns the output path.
    /// `withoutAppendices`: the sample's report with its appendices taken out.
    static func render(_ name: String, sample: String = sample, withoutAppendices: Bool = false) throws -> String {
        var report = try Report.from(try DataLoader.load(contentsOf: sample), file: sample)
        if withoutAppendices { report.appendices = [] }
        let out = TestPaths.scratch(name).appendingPathComponent(name).path
        try DocumentTemplate(contentsOf: template(name)).render(try report.templateValue(), to: out)
        return out
    }

    /// The templates and their renders pass the schemas with no error at all: make-templates.sh
    /// fixes what LibreOffice 7.4 writes out of schema order (w:sectPr in w:pPr, w:lvl children
    /// in numbering.xml) and the VML fallback's `ID` attribute.
    @Test(arguments: templates)
    func rendersValidDocuments(_ name: String) throws {
        #expect(try SchemaValidation.errors(of: Self.template(name)).isEmpty, "\(name)")
        for sample in [Self.sample, Self.stateSample] {
            for withoutAppendices in [false, true] {
                let out = try Self.render(name, sample: sample, withoutAppendices: withoutAppendices)
                let errors = try SchemaValidation.errors(of: out)
                #expect(errors.isEmpty, "\(name) + \(sample), without appendices: \(withoutAppendices): \(errors)")
            }
        }
    }

    /// Seed lines, whitespace-normalised and without emphasis markers.
    static func seedLines() throws -> [(number: Int, text: String)] {
        let url = TestPaths.resources.appendingPathComponent("seed/000_a996a27902273899.txt")
        let lines = try String(contentsOf: url, encoding: .utf8).components(separatedBy: "\n")
        return lines.enumerated().map { ($0.offset + 1, $0.element) }
    }

    static func normalise(_ s: String) -> String {
        var t = s.replacingOccurrences(of: "<i>", with: "").replacingOccurrences(of: "</i>", with: "")
            .replacingOccurrences(of: "*", with: "")
        t = t.precomposedStringWithCanonicalMapping
        t = t.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        // The seed writes "I-Đặc điểm" and "I- Nhiệm vụ"; the template always "I- ".
        t = t.replacingOccurrences(of: #"^([IVX]+)- ?"#, with: "$1- ", options: .regularExpression)
        // Computed totals group thousands ("3.880") where the seed's rows did not ("3880").
        return t.replacingOccurrences(of: #"(\d)\.(\d{3})(?!\d)"#, with: "$1$2", options: .regularExpression)
    }

    /// The seed's "Dân vận khéo" total row says 15 where its rows add up to 32: the render
    /// prints the computed total (the deliberate fix), so that line is checked separately.
    static let wrongTotalLine = 366

    /// Seed lines 299–316 repeat appendix 1 (an extraction artefact); the sample leaves them out.
    static let duplicateBlock = 299...316

    @Test(arguments: ["bao-cao-dang-uy.docx", "bao-cao-dang-uy.odt"])
    func renderedTextReadsAsTheSeed(_ name: String) throws {
        let text = try DocumentText.extract(try Self.render(name))
        let rendered = Self.normalise(text.replacingOccurrences(of: " | ", with: " "))
        let renderedLines = text.components(separatedBy: "\n")
        var missingProse: [String] = []
        var missingRows: [String] = []
        for (number, raw) in try Self.seedLines() where !Self.duplicateBlock.contains(number) && number != Self.wrongTotalLine {
            let line = Self.normalise(raw)
            guard !line.isEmpty else { continue }
            if raw.contains("\t") {
                // A table row: its cells must all be in one rendered line, in order.
                let cells = raw.split(separator: "\t").map { Self.normalise(String($0)) }.filter { !$0.isEmpty }
                let found = renderedLines.contains { candidate in
                    var rest = Substring(Self.normalise(candidate.replacingOccurrences(of: " | ", with: " ")))
                    for cell in cells {
                        guard let r = rest.range(of: cell) else { return false }
                        rest = rest[r.upperBound...]
                    }
                    return true
                }
                if !found { missingRows.append("\(number): \(cells.joined(separator: " | "))") }
            } else if !rendered.contains(line) {
                missingProse.append("\(number): \(line)")
            }
        }
        #expect(missingProse.isEmpty, "seed prose not in \(name):\n\(missingProse.joined(separator: "\n"))")
        #expect(missingRows.isEmpty, "seed table rows not in \(name):\n\(missingRows.joined(separator: "\n"))")
        let seedTotal = try Self.seedLines()[Self.wrongTotalLine - 1].text
        #expect(seedTotal.hasPrefix("Tổng cộng\t15\t"), "line \(Self.wrongTotalLine) is no longer the wrong total: \(seedTotal)")
        #expect(renderedLines.contains { $0.hasPrefix("Tổng cộng | 32 | ") }, "the computed total 32 is not rendered")
    }
}

/// The four official templates rendered with their samples and converted to PDF in one
/// LibreOffice run, made once for the tests that read those pages.
struct ReportSamplePDFs: Sendable {
    /// The conversions that succeeded, in `ReportTemplateTests.templates` order.
    var jobs: [PDFJob] = []
    /// What went wrong: a render or a conversion, one line each.
    var failures: [String] = []

    static let shared: ReportSamplePDFs = {
        var pdfs = ReportSamplePDFs()
        let dir = TestPaths.scratch()
        var jobs: [PDFJob] = []
        for name in ReportTemplateTests.templates {
            do {
                let doc = try ReportTemplateTests.render(name, sample: ReportTemplateTests.sample(for: name))
                jobs.append(PDFJob(input: doc, output: dir.appendingPathComponent(name + ".pdf").path))
            } catch { pdfs.failures.append("\(name): \(error)") }
        }
        do {
            for (job, result) in zip(jobs, try PDFConverter().convert(jobs)) {
                if case .failure(let error) = result { pdfs.failures.append("\(job.input): \(error)") } else { pdfs.jobs.append(job) }
            }
        } catch { pdfs.failures.append("LibreOffice: \(error)") }
        return pdfs
    }()

    /// The PDFs, each failure recorded as an issue of the calling test.
    static func converted() -> [PDFJob] {
        for failure in shared.failures { Issue.record(Comment(rawValue: failure)) }
        return shared.jobs
    }
}

extension PrintTests {
    /// All four official templates, rendered with their samples, convert to A4 PDFs with
    /// embedded fonts (one LibreOffice run for the four).
    @Test func allFourReportTemplatesConvertToPDF() throws {
        let jobs = ReportSamplePDFs.converted()
        #expect(jobs.count == ReportTemplateTests.templates.count)
        for job in jobs {
            try Self.expectPrintable(job.output)
            let page1 = try Self.firstPageText(job.output)
            let numberLine = job.input.contains("ubnd") ? "Số: 12/BC-UBND" : "Số 05-BC/ĐU"
            #expect(page1.contains(numberLine) && page1.contains("BÁO CÁO"), "\(job.output): \(page1)")
        }
    }

    /// A report without appendices ends on its signature page: the last page is portrait and
    /// has text (the DOCX used to end with a blank landscape page, the appendices' empty
    /// section), and DOCX and ODT have as many pages. With appendices there are more pages
    /// and the last is portrait or landscape as the last appendix's table needs.
    @Test func reportsWithoutAppendicesEndOnTheSignaturePage() throws {
        let dir = TestPaths.scratch()
        var jobs: [PDFJob] = []
        for name in ReportTemplateTests.templates {
            for bare in [true, false] {
                let doc = try ReportTemplateTests.render(name, sample: ReportTemplateTests.sample(for: name), withoutAppendices: bare)
                jobs.append(PDFJob(input: doc, output: dir.appendingPathComponent("\(name)-\(bare ? "bare" : "full").pdf").path))
            }
        }
        var pages: [String: Int] = [:]
        for (job, result) in zip(jobs, try PDFConverter().convert(jobs)) {
            if case .failure(let error) = result { Issue.record("\(job.input): \(error)"); continue }
            let count = try Self.pageCount(job.output)
            let lastText = try Self.tool("pdftotext", ["-f", "\(count)", "-l", "\(count)", job.output, "-"])
                .split(whereSeparator: \.isWhitespace).joined(separator: " ")
            let lastSize = try Self.tool("pdfinfo", ["-f", "\(count)", "-l", "\(count)", job.output])
            let bare = job.output.hasSuffix("-bare.pdf")
            let sample = ReportTemplateTests.sample(for: job.output)
            let landscape = try !bare && Report.from(try DataLoader.load(contentsOf: sample), file: sample).templateData().appendices.last!.landscape
            #expect(lastSize.contains(landscape ? "size:  841." : "size:  595."), "\(job.output) page \(count): \(lastSize)")
            if bare {
                let signer = job.output.contains("ubnd") ? "Nguyễn Văn Bình" : "Võ Thanh"
                #expect(lastText.precomposedStringWithCanonicalMapping.contains(signer), "\(job.output) page \(count): '\(lastText)'")
            } else {
                #expect(!lastText.isEmpty, "\(job.output) page \(count) is empty")
            }
            pages[URL(fileURLWithPath: job.output).lastPathComponent] = count
        }
        for report in ["bao-cao-dang-uy", "bao-cao-ubnd"] {
            for variant in ["bare", "full"] {
                #expect(pages["\(report).docx-\(variant).pdf"] == pages["\(report).odt-\(variant).pdf"], "\(report) \(variant): \(pages)")
            }
            #expect(pages["\(report).docx-bare.pdf"]! < pages["\(report).docx-full.pdf"]!, "\(pages)")
        }
    }

    static func pageCount(_ pdf: String) throws -> Int {
        let info = try tool("pdfinfo", [pdf])
        let line = info.split(separator: "\n").first { $0.hasPrefix("Pages:") }
        return try #require(line.flatMap { Int($0.dropFirst(6).trimmingCharacters(in: .whitespaces)) }, "\(info)")
    }
}
