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

    @Test func recordsFromAJSONArray() throws {
        let dir = TestPaths.scratch()
        let file = dir.appendingPathComponent("r.json")
        try Data("[\n {\"a\": 1},\n {\"a\": 2}\n]".utf8).write(to: file)
        let records = try BatchRecords.load(file.path)
        #expect(records.map(\.source) == ["\(file.path)[0]", "\(file.path)[1]"])
        #expect(try records[1].data.get() == .object(["a": .int(2)]))
        try Data("{\"a\": 1}".utf8).write(to: file)
        #expect(try BatchRecords.load(file.path).count == 1)    // one line of JSON Lines
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
