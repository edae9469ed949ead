import Foundation
import Testing
@testable import DocFill

/// Every unmodified original of the real-world corpus rendered by the `docfill` binary with
/// `{}` and `--lenient`: no crash, and no refusal of a file that Python's zipfile and
/// LibreOffice both read. Tags of another engine's language (docxtpl's `{{r x}}`, Jinja
/// filters such as `|title`) may be reported as tag errors: the file itself was read.
struct RealWorldSweepTests {
    static let originals: [String] = {
        let folder = RealWorldCorpusTests.root.appendingPathComponent("originals")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".docx") || $0.hasSuffix(".odt") }.sorted()
    }()

    static func original(_ name: String) -> String {
        RealWorldCorpusTests.root.appendingPathComponent("originals/\(name)").path
    }

    static let emptyData: String = {
        let path = TestPaths.scratch("sweep-data").appendingPathComponent("empty.json").path
        try? Data("{}".utf8).write(to: URL(fileURLWithPath: path))
        return path
    }()

    /// The originals Python's zipfile cannot read (one python3 run for all of them).
    static let unreadableByPython: Set<String> = {
        let script = "import sys, zipfile\nfor p in sys.argv[1:]:\n    try:\n        z = zipfile.ZipFile(p)\n        if z.testzip() is not None: print(p)\n    except Exception: print(p)\n"
        let r = try? ChildProcess.run("/usr/bin/env", ["python3", "-c", script] + originals.map(original), timeLimit: 120)
        return Set((r?.stdout ?? "").split(separator: "\n").map { ($0 as NSString).lastPathComponent })
    }()

    /// Codes about the tags written in a document (docs/errors.md, "Template: tags"): the
    /// file was read and its text understood, but a tag is not DocFill's language.
    static let tagLanguageCodes: Set<String> = [
        "unclosed_tag", "tag_in_tag", "empty_tag", "invalid_name", "empty_filter", "unknown_filter",
        "invalid_delimiters", "unclosed_section", "unexpected_close", "mismatched_close",
        "section_crosses_table", "section_crosses_text_box", "explicit_loop_element", "section_not_allowed",
        "unsupported_partial", "too_many_errors",
    ]

    @Test(arguments: originals)
    func rendersLeniently(_ name: String) throws {
        try sweep(name)
    }

    func sweep(_ name: String) throws {
        let ext = (name as NSString).pathExtension
        let dir = TestPaths.scratch(name)
        let out = dir.appendingPathComponent("out.\(ext)").path
        let r = try ChildProcess.run(CLITests.binary, ["render", Self.original(name), Self.emptyData, "-o", out, "--lenient"])
        #expect(r.signal == nil && !r.timedOut, "crashed or hung: \(r.stderr.prefix(500))")
        guard r.status != 0 else { return }
        #expect(r.status == 1, "status \(r.status)")
        #expect(!FileManager.default.fileExists(atPath: out), "a refusal wrote \(out)")
        let codes = r.stderr.split(separator: "\n").compactMap { line -> String? in
            guard let open = line.range(of: "error["), let close = line[open.upperBound...].firstIndex(of: "]") else { return nil }
            return String(line[open.upperBound..<close])
        }
        if !codes.isEmpty, codes.allSatisfy(Self.tagLanguageCodes.contains) { return }
        // A refusal is allowed only for a file Python or LibreOffice cannot read either.
        if Self.unreadableByPython.contains(name) { return }
        if (try? PDFConverter().convert(Self.original(name), to: dir.appendingPathComponent("original.pdf").path)) == nil { return }
        Issue.record("refused a file Python and LibreOffice read: \(r.stderr.prefix(500))")
    }
}

/// The corpus's small reproductions (`minimal/`, README there).
struct RealWorldMinimalTests {
    static func minimal(_ name: String) -> String {
        RealWorldCorpusTests.root.appendingPathComponent("minimal/\(name)").path
    }

    static func render(_ template: String, _ data: String, _ label: String = #function) throws -> [String] {
        let out = TestPaths.scratch(label).appendingPathComponent("out.docx").path
        try DocumentTemplate(contentsOf: template).render(try RealWorldCorpusTests.load(minimal(data)), to: out)
        // Paragraph lines: DocumentText skips a cell wrapped in a content control.
        return try CorpusDocument.lines(out, onlyPart: "word/document.xml").map { $0.trimmingCharacters(in: .whitespaces) }
    }

    /// A table row wrapped in a content control (`w:sdt` around `w:tr`, as Word's content
    /// control tools make it), and its variants: the row repeats once per item.
    @Test(arguments: ["sdt_row_only.docx", "sdt_row_and_cells.docx", "sdt_cells_only.docx", "sdt_plain_row.docx"])
    func aRowInAContentControlRepeats(_ template: String) throws {
        let lines = try Self.render(Self.minimal(template), "items.json", template)
        #expect(lines == ["before", "Item", "Price", "pears", "$7", "plums", "$9", "after"])
    }

    /// Paragraphs `Items: {{#items}}` / `- {{name}}` / `{{/items}}End of list.`: the text
    /// outside the section appears once, with items and without.
    @Test func textBesideParagraphSectionTagsAppearsOnce() throws {
        let withItems = try Self.render(Self.minimal("para_outside_text.docx"), "items.json", "items")
        #expect(withItems == ["Items:", "- pears", "- plums", "End of list."])
        let withNone = try Self.render(Self.minimal("para_outside_text.docx"), "empty.json", "empty")
        #expect(withNone == ["Items:", "End of list."])
    }

    /// Rows holding nothing but section tags vanish: no empty rows are left.
    @Test func rowsOfOnlySectionTagsLeaveNoEmptyRow() throws {
        let lines = try Self.render(Self.minimal("tag_only_rows.docx"), "items.json")
        #expect(lines == ["Item", "Price", "pears", "$7", "plums", "$9"])
    }

    /// `mtime_repro.py`: an entry whose local-header timestamp is two seconds off the
    /// central directory's, as zip tools that update one part leave it, opens and renders.
    @Test func aTimestampDifferenceBetweenTheHeadersIsHarmless() throws {
        let dir = TestPaths.scratch()
        let copy = dir.appendingPathComponent("mtime.docx").path
        let status = run("/usr/bin/env", ["python3", Self.minimal("mtime_repro.py"), Self.minimal("sdt_plain_row.docx"), copy])
        #expect(status == 0)
        // The copy really differs from its original (else this test proves nothing).
        let original = try CorpusDocument.read(Self.minimal("sdt_plain_row.docx")), changed = try CorpusDocument.read(copy)
        #expect(original.count == changed.count && zip(original, changed).filter { $0 != $1 }.count == 1)
        #expect(try Self.render(copy, "items.json") == ["before", "Item", "Price", "pears", "$7", "plums", "$9", "after"])
    }
}
