import Foundation
import Testing
@testable import DocFill

/// Issue 16, item 3: the rendered output is bounded (`OutputLimits`, `--max-part-mib`,
/// `--max-output-mib`), refused with `output_too_large` while rendering, before the memory
/// is spent.
struct OutputLimitTests {
    /// The fixture row loop's data with `rows` items.
    static func rows(_ rows: Int) -> Value {
        .object(["items": .array((0..<rows).map { i in
            .object(["name": .string("Item \(i)"), "qty": .int(i), "price": .string("1.50")])
        }), "total_qty": .int(rows)])
    }

    static func writeRows(_ rows: Int, to url: URL) throws {
        try Data(Self.rows(rows).jsonBytes()).write(to: url)
    }

    /// In every document format the part stops at its limit, the error is placed at the
    /// section whose rendering crossed it (with the item it was at), and nothing is written.
    @Test(arguments: ["row-loop.docx", "row-loop.odt", "row-loop.fodt"])
    func aPartOverItsLimitIsRefused(_ fixture: String) throws {
        let template = try DocumentTemplate(contentsOf: TestPaths.fixture(fixture))
        let out = TestPaths.scratch(fixture).appendingPathComponent("out." + (fixture as NSString).pathExtension).path
        var options = RenderOptions()
        options.outputLimits.maxPartSize = 64 << 10
        let error = #expect(throws: DocFillError.self) { try template.render(Self.rows(5_000), to: out, options: options) }
        #expect(error?.diagnostics.count == 1)
        let d = error?.diagnostics.first
        #expect(d?.code == "output_too_large")
        let part = fixture.hasSuffix(".docx") ? "the part word/document.xml" : fixture.hasSuffix(".odt") ? "the part content.xml" : "the output"
        #expect(d?.message == "rendering '{{#items}}' made \(part) larger than 65536 bytes, the limit of one rendered part; raise it with --max-part-mib",
                "\(d?.description ?? "")")
        #expect(d?.location.authorPlace?.item?.hasPrefix("items[") == true, "\(d?.description ?? "")")
        #expect(!FileManager.default.fileExists(atPath: out))
        // Raised, the same render goes through.
        options.outputLimits.maxPartSize = 16 << 20
        try template.render(Self.rows(5_000), to: out, options: options)
        #expect(FileManager.default.fileExists(atPath: out))
    }

    /// The whole output counts the entries copied from the template too: with a limit below
    /// them, even a small render is refused, naming the whole output's option.
    @Test func theWholeOutputCountsCopiedEntries() throws {
        let template = try DocumentTemplate(contentsOf: TestPaths.fixture("row-loop.docx"))
        #expect(template.copiedBytes > 10_000)
        let out = TestPaths.scratch().appendingPathComponent("out.docx").path
        var options = RenderOptions()
        options.outputLimits.maxTotalSize = template.copiedBytes + 50_000
        let error = #expect(throws: DocFillError.self) { try template.render(Self.rows(1_000), to: out, options: options) }
        #expect(error?.diagnostics.first?.message
                == "rendering '{{#items}}' made the output larger than \(template.copiedBytes + 50_000) bytes, the limit of the whole output; raise it with --max-output-mib",
                "\(error?.description ?? "")")
        // Below the copied entries, the template's own text is what crosses it.
        options.outputLimits.maxTotalSize = template.copiedBytes + 100
        let small = #expect(throws: DocFillError.self) { try template.render(Self.rows(1), to: out, options: options) }
        #expect(small?.description == "\(TestPaths.fixture("row-loop.docx")):word/document.xml: error[output_too_large]: the template's own text made the output larger than \(template.copiedBytes + 100) bytes, the limit of the whole output; raise it with --max-output-mib")
        #expect(!FileManager.default.fileExists(atPath: out))
        options.outputLimits.maxTotalSize = 128 << 20
        try template.render(Self.rows(100), to: out, options: options)
    }

    /// Pictures added count towards the whole output: a limit of exactly the copied entries,
    /// the rendered parts and the pictures passes, one byte less is refused.
    @Test(arguments: ["docx", "odt"])
    func picturesCountTowardsTheWholeOutput(_ format: String) throws {
        let template = try DocumentTemplate(contentsOf: TestPaths.fixture("images.\(format)"))
        var options = RenderOptions(baseDirectory: ImageTests.base)
        let (parts, images) = try template.renderParts(try ImageTests.data(), options: options)
        let rendered = parts.values.reduce(0) { $0 + $1.count }
        #expect(images.mediaBytes > 0)
        let out = TestPaths.scratch(format).appendingPathComponent("out.\(format)").path
        options.outputLimits.maxTotalSize = template.copiedBytes + rendered + images.mediaBytes - 1
        let error = #expect(throws: DocFillError.self) { try template.render(try ImageTests.data(), to: out, options: options) }
        #expect(error?.code == "output_too_large", "\(error?.description ?? "")")
        #expect(!FileManager.default.fileExists(atPath: out))
        options.outputLimits.maxTotalSize += 1
        try template.render(try ImageTests.data(), to: out, options: options)
    }

    /// A text template's output is bounded the same way, at the innermost tag that crossed it.
    @Test func aTextTemplateOverItsLimitIsRefused() throws {
        let template = try TextTemplate("Items:\n{{#items}}- {{name}}\n{{/items}}", file: "t.txt")
        var options = RenderOptions()
        options.outputLimits.maxPartSize = 1_000
        let error = #expect(throws: DocFillError.self) { try template.render(Self.rows(1_000), options: options) }
        #expect(error?.description == "t.txt:2:13: error[output_too_large]: rendering '{{name}}' made the output larger than 1000 bytes, the limit of one rendered part; raise it with --max-part-mib")
        options.outputLimits.maxPartSize = 1 << 20
        #expect(try template.render(Self.rows(1_000), options: options).hasSuffix("- Item 999\n"))
    }

    /// A buffer never holds more than its limit: the append that would cross it is dropped.
    @Test func aBufferStopsAtItsLimit() {
        let buffer = OutputBuffer(capacity: 64)
        buffer.limit = 100
        for _ in 0..<30 { buffer.append(Array("abcd".utf8)) }
        #expect(buffer.count == 100)
        #expect(buffer.overflowed)
        #expect(buffer.capacityInBytes <= 100)
    }

    // MARK: CLI

    /// Issue 16 item 3: one section over 50,000 paragraphs with 10,000 items (17 GB if
    /// rendered) is refused with one line at the section, within the hostile bounds. The
    /// DOCX case gets 3 s of CPU, not 2: compiling its 50,000 paragraphs alone takes ~1.7 s in
    /// the debug build the tests run (0.15 s in release), rendering up to the refusal ~0.15 s,
    /// and tests running in parallel pushed it to 2.2 s.
    @Test(arguments: [
        ("section-50000-paragraphs.docx", #":word/document.xml:2:2957 (paragraph 8, "{{#items}}", item items[59]): error[output_too_large]: rendering '{{#items}}' made the part word/document.xml larger than 96 MiB, the limit of one rendered part; raise it with --max-part-mib"#, 3.0),
        ("section-50000-lines.txt", #":1:1: error[output_too_large]: rendering '{{#items}}' made the output larger than 96 MiB, the limit of one rendered part; raise it with --max-part-mib"#, HostileCLITests.maxCPUSeconds),
    ])
    func theIssueCaseIsRefusedWithinBounds(_ file: String, _ line: String, _ cpu: Double) throws {
        let template = HostileCLITests.path(file)
        let out = TestPaths.scratch(file).appendingPathComponent("out." + (file as NSString).pathExtension).path
        let r = try ChildProcess.run(CLITests.binary, ["render", template, HostileCLITests.path("data-10000-items.json"), "-o", out],
                                     timeLimit: 60)
        #expect(r.status == 1)
        #expect(r.stderr == template + line + "\n", "\(r.stderr.prefix(1000))")
        #expect(!FileManager.default.fileExists(atPath: out))
        HostileCLITests.expectBounds(r, cpu: cpu)
    }

    /// `--max-part-mib` lowers the limit (a 3,000-row table, ~6 MiB, is refused at 1 MiB)
    /// and raises it again; `batch` applies it to each record.
    @Test func theOptionsLowerAndRaiseTheLimit() throws {
        let dir = TestPaths.scratch()
        let data = dir.appendingPathComponent("rows.json")
        try Self.writeRows(3_000, to: data)
        let template = TestPaths.fixture("row-loop.docx")
        let out = dir.appendingPathComponent("out.docx").path
        let refused = try ChildProcess.run(CLITests.binary, ["render", template, data.path, "-o", out, "--max-part-mib", "1"])
        #expect(refused.status == 1)
        #expect(refused.stderr.hasSuffix("error[output_too_large]: rendering '{{#items}}' made the part word/document.xml larger than 1 MiB, the limit of one rendered part; raise it with --max-part-mib\n"),
                "\(refused.stderr)")
        #expect(refused.stderr.split(separator: "\n").count == 1)
        #expect(!FileManager.default.fileExists(atPath: out))
        let raised = try ChildProcess.run(CLITests.binary, ["render", template, data.path, "-o", out, "--max-part-mib", "8"])
        #expect(raised.status == 0, "\(raised.stderr)")
        let tooSmall = try ChildProcess.run(CLITests.binary, ["render", template, data.path, "-o", out, "--max-output-mib", "2"])
        #expect(tooSmall.stderr.hasSuffix("made the output larger than 2 MiB, the limit of the whole output; raise it with --max-output-mib\n"),
                "\(tooSmall.stderr)")

        // Batch: the big record fails, the small one is written.
        let records = dir.appendingPathComponent("records.json")
        try Data(Value.array([Self.rows(3_000), Self.rows(3)]).jsonBytes()).write(to: records)
        let folder = dir.appendingPathComponent("batch").path
        let batch = try ChildProcess.run(CLITests.binary, ["batch", template, records.path, "-o", folder, "--max-part-mib", "1"])
        #expect(batch.status == 1)
        #expect(batch.stderr.contains("record 1 (\(records.path)"), "\(batch.stderr)")
        #expect(batch.stderr.contains("error[output_too_large]"), "\(batch.stderr)")
        #expect(batch.stderr.hasSuffix("rendered 1 of 2, 1 failed\n"), "\(batch.stderr)")
    }
}
