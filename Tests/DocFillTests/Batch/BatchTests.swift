import Foundation
import Testing
@testable import DocFill

/// `docfill batch` and the library pieces under it.
struct BatchTests {
    /// JSON Lines of `count` orders for the row-loop fixture, each with a ward and a year.
    static func records(_ count: Int) -> String {
        (1...count).map { i in
            #"{"ward": "Phường \#(i)", "year": 2023, "items": [{"name": "Táo \#(i)", "qty": \#(i), "price": "1.50"}], "total_qty": \#(i)}"#
        }.joined(separator: "\n") + "\n"
    }

    @Test(.timeLimit(.minutes(3))) func twentyRecordsToPDFWithOneLibreOfficeRun() throws {
        let dir = TestPaths.scratch()
        let data = dir.appendingPathComponent("orders.jsonl")
        try Data(Self.records(20).utf8).write(to: data)
        // A stand-in soffice that counts its starts, then runs the real one.
        let counter = dir.appendingPathComponent("starts.txt").path
        let wrapper = dir.appendingPathComponent("soffice").path
        try Data("#!/bin/sh\necho start >> '\(counter)'\nexec '\(try ExternalTool.soffice().path)' \"$@\"\n".utf8)
            .write(to: URL(fileURLWithPath: wrapper))
        chmod(wrapper, 0o755)
        let out = dir.appendingPathComponent("out").path
        let r = try CLITests.docfill(["batch", TestPaths.fixture("row-loop.docx"), data.path, "-o", out, "--pdf",
                                      "--name", "{{ward}}-{{year}}.docx", "--soffice", wrapper])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr == "rendered 20 of 20\n")
        let files = try FileManager.default.contentsOfDirectory(atPath: out).sorted { $0.compare($1, options: .numeric) == .orderedAscending }
        #expect(files == (1...20).map { "Phường \($0)-2023.pdf" }.map { $0.precomposedStringWithCanonicalMapping })
        #expect(try String(contentsOfFile: counter, encoding: .utf8) == "start\n")
        let seventh = out + "/" + files[6]
        try PrintTests.expectPrintable(seventh)
        #expect(try PrintTests.firstPageText(seventh).contains("Táo 7"))
    }

    @Test func aBadRecordIsReportedAndTheOthersAreProduced() throws {
        let dir = TestPaths.scratch()
        let records = dir.appendingPathComponent("records")
        try FileManager.default.createDirectory(at: records, withIntermediateDirectories: true)
        let good = try String(contentsOfFile: TestPaths.fixture("row-loop.json"), encoding: .utf8)
        try Data(good.utf8).write(to: records.appendingPathComponent("1-an.json"))
        try Data(good.utf8).write(to: records.appendingPathComponent("2-binh.json"))
        try Data("items: []\n".utf8).write(to: records.appendingPathComponent("3-chau.yaml"))     // no total_qty
        try Data(good.utf8).write(to: records.appendingPathComponent("10-dung.json"))           // numeric order: last
        try Data("not a record".utf8).write(to: records.appendingPathComponent("notes.txt"))    // ignored
        let out = dir.appendingPathComponent("out").path
        let r = try CLITests.docfill(["batch", TestPaths.fixture("row-loop.docx"), records.path, "-o", out, "--jobs", "2"])
        #expect(r.status == 1)
        let lines = r.stderr.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("record 3 (\(records.path)/3-chau.yaml): ") == true, "\(r.stderr)")
        #expect(lines.first?.contains("error[unknown_name]") == true && lines.first?.contains("total_qty") == true, "\(r.stderr)")
        #expect(lines.last == "rendered 3 of 4, 1 failed")
        #expect(try FileManager.default.contentsOfDirectory(atPath: out).sorted()
                == ["record-0001.docx", "record-0002.docx", "record-0004.docx"])
    }

    @Test func aBadJSONLineFailsOnlyThatRecord() throws {
        let dir = TestPaths.scratch()
        let data = dir.appendingPathComponent("orders.jsonl")
        try Data((Self.records(2) + "{\"ward\": \n" + Self.records(1).replacingOccurrences(of: "Phường 1", with: "Phường 9")).utf8).write(to: data)
        let out = dir.appendingPathComponent("out").path
        let r = try CLITests.docfill(["batch", TestPaths.fixture("row-loop.odt"), data.path, "-o", out, "--name", "{{ward}}"])
        #expect(r.status == 1)
        #expect(r.stderr.hasPrefix("record 3 (\(data.path):3): \(data.path):3:"), "\(r.stderr)")
        #expect(r.stderr.contains("error[data_syntax]"))
        #expect(r.stderr.hasSuffix("rendered 3 of 4, 1 failed\n"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: out).count == 3)
    }

    /// `render`'s data limits bound each record on its own (the records file has its own
    /// limits, `BatchStreamTests`): a record over one fails alone, in a JSON array as in JSON
    /// Lines, placed in the file.
    @Test func dataLimitsBoundTheRecords() throws {
        let dir = TestPaths.scratch()
        let template = TestPaths.fixture("row-loop.docx")
        let good = try String(contentsOfFile: TestPaths.fixture("row-loop.json"), encoding: .utf8)
        let array = dir.appendingPathComponent("orders.json")
        try Data("[\(good),\n\(good)]".utf8).write(to: array)
        let out = dir.appendingPathComponent("out").path
        func batch(_ records: URL, _ options: [String]) throws -> (status: Int32, stderr: String, files: [String]) {
            try? FileManager.default.removeItem(atPath: out)
            let r = try CLITests.docfill(["batch", template, records.path, "-o", out] + options)
            return (r.status, r.stderr, (try? FileManager.default.contentsOfDirectory(atPath: out).sorted()) ?? [])
        }
        // items[0] is at depth 3 in a record.
        let deep = try batch(array, ["--max-data-depth", "2"])
        #expect(deep.status == 1 && deep.files.isEmpty)
        #expect(deep.stderr == """
            record 1 (\(array.path)[0]): \(array.path):3:5: error[data_too_deep]: nesting deeper than 2 levels
            record 2 (\(array.path)[1]): \(array.path):24:5: error[data_too_deep]: nesting deeper than 2 levels
            rendered 0 of 2, 2 failed

            """)
        let many = try batch(array, ["--max-data-values", "10"])
        #expect(many.status == 1 && many.files.isEmpty)
        #expect(many.stderr.hasPrefix("record 1 (\(array.path)[0]): \(array.path):13:5: error[data_too_large]: the data holds more than 10 values"),
                "\(many.stderr)")
        let invalid = try batch(array, ["--max-data-depth", "0"])
        #expect(invalid.status == 1 && invalid.stderr == "error[invalid_option]: --max-data-depth must be at least 1\n")
        // The defaults, and a limit the data is within.
        for options in [[], ["--max-data-depth", "3"]] {
            let r = try batch(array, options)
            #expect(r.status == 0 && r.stderr == "rendered 2 of 2\n", "\(options): \(r.stderr)")
            #expect(r.files == ["record-0001.docx", "record-0002.docx"])
        }

        let lines = dir.appendingPathComponent("orders.jsonl")
        let record = #"{"items": [{"name": "Táo", "qty": 1, "price": "1.50"}], "total_qty": 1}"#
        let deeper = #"{"items": [{"name": "Táo", "qty": 1, "price": "1.50", "notes": [[1]]}], "total_qty": 1}"#
        try Data([record, deeper, record].joined(separator: "\n").utf8).write(to: lines)
        let oneDeep = try batch(lines, ["--max-data-depth", "3"])
        #expect(oneDeep.status == 1)
        #expect(oneDeep.stderr == """
            record 2 (\(lines.path):2): \(lines.path):2:64: error[data_too_deep]: nesting deeper than 3 levels
            rendered 2 of 3, 1 failed

            """)
        #expect(oneDeep.files == ["record-0001.docx", "record-0003.docx"])
    }

    @Test func recordsFromAJSONArray() throws {
        let dir = TestPaths.scratch()
        let file = dir.appendingPathComponent("r.json")
        try Data("[\n {\"a\": 1},\n {\"a\": 2}\n]".utf8).write(to: file)
        let records = try Batch.records(from: file.path)
        #expect(records.map(\.source) == ["\(file.path)[0]", "\(file.path)[1]"])
        #expect(try records[1].data.get() == .object(["a": .int(2)]))
        try Data("{\"a\": 1}".utf8).write(to: file)
        #expect(try Batch.records(from: file.path).count == 1)    // one line of JSON Lines
    }

    @Test func namesFromAPatternAreSafeAndUnique() throws {
        let namer = try OutputNamer(pattern: "{{ward}}/{{year}}: {{note}}.docx", count: 3)
        let record = Value.object(["ward": .string("Phổ Hòa"), "year": .int(2023), "note": .string("A & B <1>")])
        #expect(try namer.name(for: record, index: 0, ext: "pdf") == "Phổ Hòa-2023- A & B -1.pdf")
        #expect(OutputNamer.sanitize("../..") == "")
        #expect(OutputNamer.sanitize(" .hidden\tname. ") == "hidden-name")
        #expect(try OutputNamer(pattern: nil, count: 12_345).name(for: .null, index: 41, ext: "odt") == "record-00042.odt")
        #expect(throws: DocFillError.self) { try namer.name(for: .object([:]), index: 0, ext: "docx") }

        let dir = TestPaths.scratch()
        let same = (0..<2).map { BatchRecord(index: $0, source: "r\($0)", data: .success(.object(["w": .string("X")]))) }
        let template = try DocumentTemplate(contentsOf: TestPaths.fixture("row-loop.docx"))
        let outcomes = try Batch.run(template: template, records: same,
                                     options: BatchOptions(outputFolder: dir.path, namePattern: "{{w}}", render: RenderOptions(strict: false)))
        #expect(outcomes[0].succeeded)
        #expect(outcomes[1].error?.code == "duplicate_name")
    }
}
