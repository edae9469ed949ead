import Foundation
import Testing
@testable import DocFill

/// The rules for where `docfill` writes (`OutputTarget`) and what it accepts as a template or
/// as data (`InputKind`), through the built binary: the exact line, the exit status, and
/// that nothing else changed on disk.
struct OutputRulesTests {
    static let template = TestPaths.fixture("row-loop.docx")
    static let data = TestPaths.fixture("row-loop.json")

    /// Runs docfill in `folder` (absolute paths elsewhere): a file written by mistake to the
    /// current folder shows in its snapshot.
    static func run(_ arguments: [String], in folder: URL? = nil) throws -> ChildProcess.Result {
        try ChildProcess.run(CLITests.binary, arguments, directory: folder?.path)
    }

    /// Every entry under `folder` (hidden ones too) with its kind and, for files, content.
    static func snapshot(_ folder: URL) -> [String: String] {
        var entries: [String: String] = [:]
        let fm = FileManager.default
        for name in (try? fm.subpathsOfDirectory(atPath: folder.path)) ?? [] {
            let path = folder.appendingPathComponent(name).path
            var info = stat()
            lstat(path, &info)
            switch info.st_mode & S_IFMT {
            case S_IFLNK: entries[name] = "link to " + ((try? fm.destinationOfSymbolicLink(atPath: path)) ?? "?")
            case S_IFDIR: entries[name] = "folder"
            case S_IFIFO: entries[name] = "fifo"
            default: entries[name] = "file \((try? Data(contentsOf: URL(fileURLWithPath: path)))?.hashValue ?? 0) mode \(info.st_mode & 0o777)"
            }
        }
        return entries
    }

    /// The bytes of a plain render of the fixture, to compare other outputs with.
    static func expectedDocument() throws -> Data {
        let out = TestPaths.scratch("expected").appendingPathComponent("out.docx").path
        let r = try run(["render", template, data, "-o", out])
        #expect(r.status == 0, "\(r.stderr)")
        return try Data(contentsOf: URL(fileURLWithPath: out))
    }

    /// Runs `arguments` expecting one error line, exit 1, and the folder unchanged.
    static func expectRefused(_ arguments: [String], in folder: URL, line: String) throws {
        let before = snapshot(folder)
        let r = try run(arguments, in: folder)
        #expect(r.status == 1)
        #expect(r.stderr == line + "\n")
        #expect(snapshot(folder) == before)
    }

    // MARK: Output targets

    @Test func dashWritesTheDocumentToStandardOutputAndNothingToDisk() throws {
        let dir = TestPaths.scratch()
        let before = Self.snapshot(dir)
        let r = try Self.run(["render", Self.template, Self.data, "-o", "-"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdoutBytes == (try Self.expectedDocument()))
        #expect(Self.snapshot(dir) == before)

        let text = dir.appendingPathComponent("t.txt")
        try Data("{{#items}}{{name}};{{/items}}".utf8).write(to: text)
        let t = try Self.run(["render", text.path, Self.data, "-o", "-"], in: dir)
        #expect(t.status == 0 && t.stderr == "")
        #expect(!t.stdout.isEmpty && !t.stdout.contains("{{"))
        #expect(Self.snapshot(dir).count == 1)
    }

    /// The PDF is made in a temporary folder (under TMPDIR), which is removed.
    @Test func dashWritesAPDFToStandardOutputAndNothingToDisk() throws {
        let dir = TestPaths.scratch(), temp = TestPaths.scratch("tmp")
        let r = try ChildProcess.run(CLITests.binary, ["render", Self.template, Self.data, "-o", "-", "--pdf"],
                                     timeLimit: 180, environment: ["TMPDIR": temp.path], directory: dir.path)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdoutBytes.starts(with: Data("%PDF-".utf8)))
        #expect(r.stdoutBytes.suffix(1024).range(of: Data("%%EOF".utf8)) != nil)
        #expect(Self.snapshot(dir).isEmpty && Self.snapshot(temp).isEmpty)
    }

    @Test func aSymbolicLinkIsFollowedAndStaysALink() throws {
        let dir = TestPaths.scratch()
        let real = dir.appendingPathComponent("real")
        try FileManager.default.createDirectory(at: real, withIntermediateDirectories: true)
        let target = real.appendingPathComponent("target.docx")
        try Data("old".utf8).write(to: target)
        let link = dir.appendingPathComponent("link.docx").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "real/target.docx")
        let r = try Self.run(["render", Self.template, Self.data, "-o", link])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == "real/target.docx")
        #expect(try Data(contentsOf: target) == (try Self.expectedDocument()))
        #expect(Set(Self.snapshot(dir).keys) == ["real", "real/target.docx", "link.docx"])
    }

    @Test func aFIFOOrAFolderIsRefusedAndLeftAlone() throws {
        let dir = TestPaths.scratch()
        let fifo = dir.appendingPathComponent("pipe.docx").path
        #expect(mkfifo(fifo, 0o644) == 0)
        try Self.expectRefused(["render", Self.template, Self.data, "-o", fifo], in: dir, line:
            "\(fifo): error[output_not_regular]: it is a FIFO (named pipe), not a regular file; give a file path, or - for standard output")
        let folder = dir.appendingPathComponent("folder.docx").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try Self.expectRefused(["render", Self.template, Self.data, "-o", folder], in: dir, line:
            "\(folder): error[output_not_regular]: it is a folder, not a regular file; give a file path, or - for standard output")
        // A link to the FIFO is refused the same way; next-year and batch share the rule.
        let link = dir.appendingPathComponent("link.docx").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: fifo)
        try Self.expectRefused(["render", Self.template, Self.data, "-o", link], in: dir, line:
            "\(link): error[output_not_regular]: it is a FIFO (named pipe), not a regular file; give a file path, or - for standard output")
        let yaml = dir.appendingPathComponent("2023.yaml")
        try Data("date: 2023-08-15\n".utf8).write(to: yaml)
        let fifoYAML = dir.appendingPathComponent("2024.yaml").path
        #expect(mkfifo(fifoYAML, 0o644) == 0)
        try Self.expectRefused(["next-year", yaml.path, "-o", fifoYAML, "--force"], in: dir, line:
            "\(fifoYAML): error[output_not_regular]: it is a FIFO (named pipe), not a regular file; give a file path, or - for standard output")
    }

    @Test func aBatchOutputThatIsAFIFOFailsItsRecord() throws {
        let dir = TestPaths.scratch()
        let records = dir.appendingPathComponent("records.json")
        try Data(#"[{"items": []}, {"items": []}]"#.utf8).write(to: records)
        let out = dir.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let fifo = out.appendingPathComponent("record-0001.docx").path
        #expect(mkfifo(fifo, 0o644) == 0)
        let r = try Self.run(["batch", Self.template, records.path, "-o", out.path, "--lenient"])
        #expect(r.status == 1)
        #expect(r.stderr == """
            record 1 (\(records.path)[0]): \(fifo): error[output_not_regular]: it is a FIFO (named pipe), not a regular file; give a file path, or - for standard output
            rendered 1 of 2, 1 failed

            """)
        #expect(Self.snapshot(out).mapValues { $0.prefix(4) } == ["record-0001.docx": "fifo", "record-0002.docx": "file"])
    }

    @Test(arguments: [("row-loop.docx", "x.odt", "a .odt file would get DOCX content", ".docx"),
                      ("row-loop.docx", "x.fodt", "a .fodt file would get DOCX content", ".docx"),
                      ("row-loop.odt", "x.docx", "a .docx file would get ODT content", ".odt"),
                      ("row-loop.odt", "x.fodt", "a .fodt file would get ODT content", ".odt"),
                      ("row-loop.fodt", "x.odt", "a .odt file would get flat ODT content", ".fodt")])
    func anExtensionOfAnotherFormatIsRefused(_ template: String, _ output: String, _ what: String, _ fix: String) throws {
        let dir = TestPaths.scratch(template + output)
        let out = dir.appendingPathComponent(output).path
        let path = TestPaths.fixture(template)
        try Self.expectRefused(["render", path, Self.data, "-o", out], in: dir, line:
            "\(out): error[output_format_mismatch]: \(what) from the template '\(path)'; name the output \(fix)")
    }

    @Test func otherExtensionsAndTextTemplatesAreTakenAsGiven() throws {
        let dir = TestPaths.scratch()
        for name in ["x.dotx", "x.bin", "noext"] {
            let r = try Self.run(["render", Self.template, Self.data, "-o", dir.appendingPathComponent(name).path])
            #expect(r.status == 0, "\(name): \(r.stderr)")
        }
        let text = dir.appendingPathComponent("t.txt")
        try Data("{{#items}}{{name}}{{/items}}".utf8).write(to: text)
        let r = try Self.run(["render", text.path, Self.data, "-o", dir.appendingPathComponent("t.odt").path])
        #expect(r.status == 0, "\(r.stderr)")
    }

    @Test func theDataFileIsProtectedLikeTheTemplate() throws {
        let dir = TestPaths.scratch()
        let data = dir.appendingPathComponent("data.json").path
        try FileManager.default.copyItem(atPath: Self.data, toPath: data)
        try Self.expectRefused(["render", Self.template, data, "-o", dir.path + "/./data.json"], in: dir, line:
            "\(dir.path)/./data.json: error[output_is_data]: the output would overwrite the data file; choose another output path")
        let yaml = dir.appendingPathComponent("2023.yaml").path
        try Data("date: 2023-08-15\n".utf8).write(to: URL(fileURLWithPath: yaml))
        try Self.expectRefused(["next-year", yaml, "-o", yaml, "--force"], in: dir, line:
            "\(yaml): error[output_is_data]: the output would overwrite the data file; choose another output path")
    }

    @Test func aReplacedFileKeepsItsMode() throws {
        let dir = TestPaths.scratch()
        let out = dir.appendingPathComponent("private.docx").path
        try Data("old".utf8).write(to: URL(fileURLWithPath: out))
        #expect(chmod(out, 0o600) == 0)
        let r = try Self.run(["render", Self.template, Self.data, "-o", out])
        #expect(r.status == 0, "\(r.stderr)")
        var info = stat()
        #expect(stat(out, &info) == 0 && info.st_mode & 0o777 == 0o600)
        #expect(try Data(contentsOf: URL(fileURLWithPath: out)) == (try Self.expectedDocument()))
    }

    @Test func nextYearWritesToStandardOutput() throws {
        let dir = TestPaths.scratch()
        let yaml = dir.appendingPathComponent("2023.yaml").path
        try FileManager.default.copyItem(atPath: TestPaths.repo.appendingPathComponent("Samples/pho-hoa-2023.yaml").path, toPath: yaml)
        let before = Self.snapshot(dir)
        let r = try Self.run(["next-year", yaml, "-o", "-"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("\nextends: \"2023.yaml\"\n"), "\(r.stdout)")
        #expect(r.stdout.contains("2024-08-15"))
        #expect(Self.snapshot(dir) == before)
    }

    /// A write that fails names the output as given, not the temporary file beside it
    /// (here the temporary file's descriptor is pointed at /dev/full: a full disk).
    @Test func aFailedWriteNamesTheOutputAndLeavesNothing() throws {
        let dir = TestPaths.scratch()
        let template = try DocumentTemplate(contentsOf: Self.template)
        let out = dir.appendingPathComponent("out.docx").path
        let target = try OutputTarget(out)
        let value = try DataLoader.load(contentsOf: Self.data)
        var message = ""
        do {
            try target.write { fd in
                let full = open("/dev/full", O_WRONLY)
                #expect(full >= 0 && dup2(full, fd) == fd)
                close(full)
                let writer = try ZipWriter(path: target.path)
                try writer.add(name: "a.txt", bytes: Array("a".utf8))
                try writer.close(into: fd, target: target)
            }
        } catch let error as DocFillError {
            message = error.description
        }
        #expect(message == "\(out): error[io_error]: cannot write the output: No space left on device")
        #expect(Self.snapshot(dir).isEmpty)
        try template.render(value, to: target)
        #expect(Set(Self.snapshot(dir).keys) == ["out.docx"])
    }

    // MARK: Input kinds

    /// A zip holding `entry`, so that it looks like an XLSX or PPTX.
    static func package(_ entry: String, at path: URL) throws {
        let writer = try ZipWriter(path: path.path)
        try writer.add(name: "[Content_Types].xml", bytes: Array("<Types/>".utf8))
        try writer.add(name: entry, bytes: Array("<x/>".utf8))
        try writer.close()
    }

    static let expectedTemplate = "a template must be a .docx, .odt, .fodt or text file"

    @Test func filesThatAreNoTemplateAreNamedForWhatTheyAre() throws {
        let dir = TestPaths.scratch()
        let pdf = dir.appendingPathComponent("report.pdf")
        try Data("%PDF-1.4\n%%EOF\n".utf8).write(to: pdf)
        let doc = dir.appendingPathComponent("old.doc")
        try Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 504)).write(to: doc)
        let xlsx = dir.appendingPathComponent("book.xlsx"), pptx = dir.appendingPathComponent("slides.pptx")
        try Self.package("xl/workbook.xml", at: xlsx)
        try Self.package("ppt/presentation.xml", at: pptx)
        let json = dir.appendingPathComponent("data.json")
        try FileManager.default.copyItem(atPath: Self.data, toPath: json.path)
        let folder = dir.appendingPathComponent("folder")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let cases: [(URL, String)] = [
            (pdf, "a PDF document"), (doc, "a legacy binary Office file (Word 97-2003 .doc, .xls or .ppt)"),
            (xlsx, "an Excel workbook (XLSX)"), (pptx, "a PowerPoint presentation (PPTX)"),
            (json, "a data file (JSON) with no tag"), (folder, "a folder"),
        ]
        let out = dir.appendingPathComponent("out.docx").path
        for (file, what) in cases {
            let line = "\(file.path): error[wrong_input_kind]: \(what); \(Self.expectedTemplate)"
            try Self.expectRefused(["render", file.path, Self.data, "-o", out], in: dir, line: line)
            try Self.expectRefused(["inspect", file.path], in: dir, line: line)
            try Self.expectRefused(["schema", file.path], in: dir, line: line)
            try Self.expectRefused(["batch", file.path, Self.data, "-o", dir.appendingPathComponent("batch").path], in: dir, line: line)
            let check = try Self.run(["check", file.path, Self.data])   // check prints its findings on stdout
            #expect(check.status == 1 && check.stdout == line + "\n" && check.signal == nil)
        }
    }

    @Test func filesThatAreNoDataAreNamedForWhatTheyAre() throws {
        let dir = TestPaths.scratch()
        let pdf = dir.appendingPathComponent("report.pdf")
        try Data("%PDF-1.4\n%%EOF\n".utf8).write(to: pdf)
        let xls = dir.appendingPathComponent("old.xls")
        try Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 504)).write(to: xls)
        let xlsx = dir.appendingPathComponent("book.xlsx")
        try Self.package("xl/workbook.xml", at: xlsx)
        let swapped = "; data must be JSON or YAML (the template comes first, then the data)"
        let plain = "; data must be JSON or YAML"
        let cases: [(String, String)] = [
            (pdf.path, "a PDF document" + plain), (xls.path, "a legacy binary Office file (Word 97-2003 .doc, .xls or .ppt)" + plain),
            (xlsx.path, "an Excel workbook (XLSX)" + plain), (Self.template, "a DOCX document" + swapped),
            (TestPaths.fixture("row-loop.odt"), "an ODT document" + swapped),
            (TestPaths.fixture("row-loop.fodt"), "a flat ODT document" + swapped),
        ]
        let out = dir.appendingPathComponent("out.docx").path
        for (file, what) in cases {
            let line = "\(file): error[wrong_input_kind]: \(what)"
            try Self.expectRefused(["render", Self.template, file, "-o", out], in: dir, line: line)
            try Self.expectRefused(["batch", Self.template, file, "-o", dir.appendingPathComponent("batch").path], in: dir, line: line)
        }
        // Swapped arguments: the data file is named as the template first.
        let json = dir.appendingPathComponent("data.json")
        try FileManager.default.copyItem(atPath: Self.data, toPath: json.path)
        try Self.expectRefused(["render", json.path, Self.template, "-o", out], in: dir, line:
            "\(json.path): error[wrong_input_kind]: a data file (JSON) with no tag; \(Self.expectedTemplate)")
    }

    // MARK: Options

    @Test func versionAndHelp() throws {
        let v = try Self.run(["--version"])
        #expect(v.status == 0 && v.stdout == "docfill \(ReleaseVersion.string)\n")
        #expect(try Self.run(["--help"]).stdout.contains("--version"))
    }

    @Test(arguments: [(["--pdf-timeout", "-5"], "--pdf-timeout must be a number of seconds above 0"),
                      (["--pdf-timeout", "0"], "--pdf-timeout must be a number of seconds above 0"),
                      (["--max-entry-mib", "0"], "--max-entry-mib must be between 1 and 8796093022207"),
                      (["--max-entry-mib", "-1"], "--max-entry-mib must be between 1 and 8796093022207"),
                      (["--max-total-mib", "9223372036854775807"], "--max-total-mib must be between 1 and 8796093022207"),
                      (["--max-data-mib", "9223372036854775807"], "--max-data-mib must be between 1 and 8796093022207"),
                      (["--max-part-mib", "0"], "--max-part-mib must be between 1 and 8796093022207"),
                      (["--max-part-mib", "-1"], "--max-part-mib must be between 1 and 8796093022207"),
                      (["--max-output-mib", "9223372036854775807"], "--max-output-mib must be between 1 and 8796093022207"),
                      (["--max-data-depth", "-3"], "--max-data-depth must be at least 1"),
                      (["--max-data-values", "0"], "--max-data-values must be at least 1")])
    func badNumbersAreOneLine(_ option: [String], _ message: String) throws {
        let dir = TestPaths.scratch(option.joined())
        try Self.expectRefused(["render", Self.template, Self.data, "-o", dir.appendingPathComponent("out.pdf").path] + option,
                               in: dir, line: "error[invalid_option]: \(message)")
    }
}
