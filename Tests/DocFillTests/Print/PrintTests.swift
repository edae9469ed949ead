import Foundation
import Testing
@testable import DocFill

/// PDF hand-off through LibreOffice and page previews. These need soffice and poppler-utils
/// (scripts/setup.sh --tests installs them): a missing tool fails the tests, it does not skip
/// them. Serialized: each case starts LibreOffice, and several at once only compete for cores.
@Suite(.serialized) struct PrintTests {
    /// Runs a poppler tool and returns its stdout.
    static func tool(_ name: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try ExternalTool.poppler(name).path)
        process.arguments = arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(name) \(arguments)")
        return String(decoding: data, as: UTF8.self)
    }

    /// Page 1's text, NFC, with runs of white space folded to one space.
    static func firstPageText(_ pdf: String) throws -> String {
        try tool("pdftotext", ["-f", "1", "-l", "1", pdf, "-"]).precomposedStringWithCanonicalMapping
            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    static func expectPrintable(_ pdf: String) throws {
        let info = try tool("pdfinfo", [pdf])
        #expect(info.contains("Page size:       595.") && info.contains(" x 841."), "not A4: \(info)")
        let fonts = try tool("pdffonts", [pdf]).split(separator: "\n").dropFirst(2)
        #expect(!fonts.isEmpty, "no fonts in \(pdf)")
        for line in fonts {
            // Columns: name type encoding emb sub uni object ID; `emb` is the 5th from the end (a type can be two words).
            let columns = line.split(separator: " ")
            #expect(columns.count >= 7 && columns[columns.count - 5] == "yes", "font not embedded: \(line)")
        }
    }

    @Test func renderedFixtureConvertsToA4WithEmbeddedFonts() throws {
        let dir = TestPaths.scratch()
        let pdf = dir.appendingPathComponent("row-loop.pdf").path
        let r = try CLITests.docfill(["render", TestPaths.fixture("row-loop.docx"), TestPaths.fixture("row-loop.json"), "-o", pdf])
        #expect(r.status == 0, "\(r.stderr)")
        try Self.expectPrintable(pdf)
        let text = try Self.firstPageText(pdf)
        for expected in ["Order", "Apple", "Pear", "Plum", "2.25", "Thank you."] {
            #expect(text.contains(expected), "page 1: \(text)")
        }
        // Only the PDF reaches the folder: no intermediate document, no staging folder.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["row-loop.pdf"])
    }

    @Test func odtFixtureWithPDFFlagGoesBesideTheOutputName() throws {
        let dir = TestPaths.scratch()
        let r = try CLITests.docfill(["render", TestPaths.fixture("row-loop.odt"), TestPaths.fixture("row-loop.json"),
                                      "-o", dir.appendingPathComponent("out.odt").path, "--pdf"])
        #expect(r.status == 0, "\(r.stderr)")
        let pdf = dir.appendingPathComponent("out.pdf").path
        try Self.expectPrintable(pdf)
        #expect(try Self.firstPageText(pdf).contains("Apple"))
    }

    /// The acceptance case: the sample Party report, through the typed model, to PDF.
    @Test func sampleReportPDFHasTheHeaderAndDateLines() throws {
        let pdf = TestPaths.scratch().appendingPathComponent("bao-cao-dang-uy.pdf").path
        let r = try CLITests.docfill(["render", "Templates/bao-cao-dang-uy.docx", "Samples/pho-hoa-2023.yaml",
                                      "--model", "official-report", "-o", pdf])
        try #require(r.status == 0, "\(r.stderr)")
        try Self.expectPrintable(pdf)
        let text = try Self.firstPageText(pdf)
        for line in ["ĐẢNG BỘ THỊ XÃ ĐỨC PHỔ", "ĐẢNG ỦY PHƯỜNG PHỔ HÒA", "ĐẢNG CỘNG SẢN VIỆT NAM",
                     "Số 05-BC/ĐU", "Phổ Hòa, ngày 15 tháng 8 năm 2023", "BÁO CÁO"] {
            #expect(text.contains(line), "page 1 lacks '\(line)': \(text)")
        }
    }

    @Test func timedOutConversionLeavesNoPDF() throws {
        let dir = TestPaths.scratch()
        let target = dir.appendingPathComponent("out.pdf").path
        let converter = try PDFConverter(timeout: 0.3)
        let started = Date()
        let error = #expect(throws: DocFillError.self) {
            try converter.convert(TestPaths.fixture("row-loop.docx"), to: target)
        }
        #expect(error?.code == "pdf_timeout")
        #expect(Date().timeIntervalSince(started) < 10, "the process group was not killed promptly")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
    }

    /// Killed on timeout mid-conversion, LibreOffice cannot clean up after itself: its
    /// temporary files (`lu*.tmp`, the document's data) must be inside the per-run folder,
    /// which is removed, and its socket in /tmp removed once nothing listens on it.
    @Test func timedOutConversionLeavesNothingInTheTemporaryFolders() throws {
        let temporary = TestPaths.scratch()
        let out = TestPaths.scratch().appendingPathComponent("out.pdf").path
        let pipes = StalePipes()
        let before = Set(StalePipes.sockets(pipes.prefix))
        // 2 s: long enough for LibreOffice to have started writing its files, too short to
        // convert the report (on a fast, idle machine it may finish: the folders must be
        // clean either way).
        // The State template with the State sample: Party data there is kind_mismatch.
        let r = try CLITests.docfill(["render", TestPaths.repo.appendingPathComponent("Templates/bao-cao-ubnd.docx").path,
                                      TestPaths.repo.appendingPathComponent("Samples/ubnd-pho-hoa-2025.yaml").path,
                                      "--model", "official-report", "-o", out, "--pdf-timeout", "2"],
                                     environment: ["TMPDIR": temporary.path])
        #expect(r.status == 0 || r.stderr.contains("error[pdf_timeout]"), "\(r.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: temporary.path) == [])
        let stale = StalePipes.sockets(pipes.prefix).filter { !before.contains($0) && !StalePipes.accepts(StalePipes.folder + "/" + $0) }
        #expect(stale.isEmpty, "\(stale)")
    }

    @Test func failedConversionLeavesNoPDFAndTheOthersConvert() throws {
        let dir = TestPaths.scratch()
        let broken = dir.appendingPathComponent("broken.docx")
        try Data(try Data(contentsOf: URL(fileURLWithPath: TestPaths.fixture("row-loop.docx"))).prefix(3000)).write(to: broken)
        let out = dir.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let results = try PDFConverter().convert([
            PDFJob(input: broken.path, output: out.appendingPathComponent("broken.pdf").path),
            PDFJob(input: TestPaths.fixture("row-loop.docx"), output: out.appendingPathComponent("good.pdf").path),
        ])
        guard case .failure(let error) = results[0] else { Issue.record("a truncated document converted"); return }
        #expect(error.code == "pdf_conversion_failed")
        if case .failure(let error) = results[1] { Issue.record("\(error)") }
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path) == ["good.pdf"])
    }

    @Test func missingLibreOfficeSaysHowToInstallIt() throws {
        let out = TestPaths.scratch().appendingPathComponent("x.pdf").path
        let r = try CLITests.docfill(["render", TestPaths.fixture("row-loop.docx"), TestPaths.fixture("row-loop.json"),
                                      "-o", out, "--soffice", "/nonexistent/soffice"])
        #expect(r.status == 1)
        #expect(r.stderr.split(separator: "\n").count == 1)
        #expect(r.stderr.contains("error[libreoffice_missing]") && r.stderr.contains("apt-get install libreoffice-writer-nogui"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test func previewDrawsTheChosenPagesAsPNG() throws {
        let dir = TestPaths.scratch()
        let r = try CLITests.docfill(["preview", TestPaths.fixture("row-loop.docx"), "-o", dir.path, "--pages", "1", "--dpi", "40"])
        #expect(r.status == 0, "\(r.stderr)")
        let png = dir.appendingPathComponent("row-loop-1.png")
        #expect(r.stdout == png.path + "\n")
        #expect(try Data(contentsOf: png).prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["row-loop-1.png"])

        let beyond = try CLITests.docfill(["preview", TestPaths.fixture("row-loop.docx"), "-o", dir.path, "--pages", "1-3"])
        #expect(beyond.status == 1)
        #expect(beyond.stderr.contains("error[page_out_of_range]"), "\(beyond.stderr)")
    }
}

/// Page lists of `docfill preview --pages`.
struct PageListTests {
    @Test func pagesAndRanges() throws {
        #expect(try PagePreview.parsePages("1,3-4") == [1, 3, 4])
        #expect(try PagePreview.parsePages("4-4, 2,2") == [2, 4])
        for bad in ["", "0", "3-1", "a", "1-2-3", "1,"] {
            #expect(throws: DocFillError.self) { try PagePreview.parsePages(bad) }
        }
    }
}
