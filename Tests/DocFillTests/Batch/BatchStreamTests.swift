import Foundation
import Testing
@testable import DocFill

/// Records read one at a time (`BatchRecords`), limits per record and per batch, the
/// pipeline's order and its names.
struct BatchStreamTests {
    static func values(_ records: BatchRecords) -> [Value?] {
        (0..<records.count).map { try? records.record($0).data.get() }
    }

    /// The scanner follows strings, escapes and nesting only: brackets, braces, commas and
    /// quotes inside strings, escaped quotes and backslashes, nested lists, a byte order mark
    /// and any white space give the records the whole array's parse gives.
    @Test func aJSONArrayIsSplitByItsStructureNotItsText() throws {
        let dir = TestPaths.scratch()
        let text = "\u{FEFF} [ {\"a\": \"]},[{\\\"\", \"b\": [[1, 2], {\"c\": \"\\\\\"}]},\n"
            + "\t\"x, ]\" ,{\"d\": \"Phổ Hòa \\u00e9 }\"} , [ ] ,{}, 12 , null\r\n]\n"
        let file = try CheckTests.write(text, "records.json", in: dir)
        let records = try BatchRecords(contentsOf: file)
        guard case .array(let whole) = try DataLoader.loadJSON(Array(text.utf8), file: file) else {
            Issue.record("not an array"); return
        }
        #expect(records.count == 7)
        #expect(Self.values(records) == whole.map { Optional($0) })
        #expect(records.record(1).source == "\(file)[1]")

        // A record that is not JSON fails alone, placed in the file.
        let bad = try CheckTests.write("[{\"a\": 1},\n  {\"a\": tru},\n{\"a\": 3}]", "bad.json", in: dir)
        let some = try BatchRecords(contentsOf: bad)
        #expect(some.count == 3)
        #expect(Self.values(some) == [.object(["a": .int(1)]), nil, .object(["a": .int(3)])])
        guard case .failure(let error) = some.record(1).data else { Issue.record("record 2 read"); return }
        #expect(error.description == "\(bad):2:9: error[data_syntax]: unexpected 't'; expected a value")

        // An array whose records cannot be told apart refuses the batch.
        for (text, message) in [("[{\"a\": 1},]", "2:1: error[data_syntax]: expected a record"),
                                ("[{\"a\": \"x]", "1: error[data_syntax]: a string of record 1 is never closed"),
                                ("[{\"a\": 1}] {}", "1:12: error[data_syntax]: unexpected data after the list of records"),
                                ("[{\"a\": 1}", "1: error[data_syntax]: unexpected end of data; expected ']' to close the list of records")] {
            let file = try CheckTests.write(text.replacingOccurrences(of: "},]", with: "},\n]"), "broken.json", in: dir)
            let error = #expect(throws: DocFillError.self) { try BatchRecords(contentsOf: file) }
            #expect(error?.description == "\(file):\(message)", "\(text)")
        }
    }

    /// The file is scanned in 1 MiB chunks: an escape cut by a chunk's end (tried at each of
    /// the four bytes of `\\\"`) is still one escape.
    @Test func escapesAcrossChunkEndsAreFollowed() throws {
        let dir = TestPaths.scratch()
        let escapes = String(repeating: #"\\\""#, count: 300_000)    // 1.2 MB of `\\` and `\"`
        for shift in 0..<4 {
            let text = "[" + String(repeating: " ", count: shift) + #"{"s": ""# + escapes + #"]"}, {"t": "]"}]"#
            let file = try CheckTests.write(text, "escapes.json", in: dir)
            let records = try BatchRecords(contentsOf: file)
            guard case .array(let whole) = try DataLoader.loadJSON(Array(text.utf8), file: file) else {
                Issue.record("not an array"); return
            }
            #expect(Self.values(records) == whole.map { Optional($0) }, "shift \(shift)")
        }
    }

    /// JSON Lines: blank lines are skipped, CRLF is fine, a bad line fails its record only,
    /// with the line's number.
    @Test func aBadJSONLineFailsWithItsNumber() throws {
        let dir = TestPaths.scratch()
        let file = try CheckTests.write("{\"a\": 1}\r\n\n   \n  {\"a\": [}\n{\"a\": \"]\"}", "r.jsonl", in: dir)
        let records = try BatchRecords(contentsOf: file)
        #expect(records.count == 3)
        #expect((0..<3).map { records.record($0).source } == ["\(file):1", "\(file):4", "\(file):5"])
        #expect(Self.values(records) == [.object(["a": .int(1)]), nil, .object(["a": .string("]")])])
        guard case .failure(let error) = records.record(1).data else { Issue.record("line 4 read"); return }
        #expect(error.description == "\(file):4:10: error[data_syntax]: unexpected '}'; expected a value")
    }

    /// A pipe (`<(jq -c …)`) cannot be read at an offset: it is copied first, then read as a file.
    @Test func recordsFromAPipe() throws {
        let dir = TestPaths.scratch()
        let fifo = dir.appendingPathComponent("records.jsonl").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let text = BatchTests.records(3)
        DispatchQueue.global().async {
            guard let handle = FileHandle(forWritingAtPath: fifo) else { return }
            handle.write(Data(text.utf8))
            try? handle.close()
        }
        let records = try BatchRecords(contentsOf: fifo)
        #expect(records.count == 3)
        #expect(records.record(2).source == "\(fifo):3")
        #expect(try records.record(2).data.get()["ward"] == .string("Phường 3"))
    }

    /// A folder: its .json/.yaml/.yml files in numeric name order, each one record.
    @Test func aFolderIsOneRecordPerFile() throws {
        let dir = TestPaths.scratch()
        _ = try CheckTests.write("{\"n\": 10}", "10.json", in: dir)
        _ = try CheckTests.write("n: 2\n", "2.yaml", in: dir)
        _ = try CheckTests.write("{\"n\": ", "3.json", in: dir)
        _ = try CheckTests.write("ignored", "notes.txt", in: dir)
        let records = try BatchRecords(contentsOf: dir.path)
        #expect((0..<records.count).map { (records.record($0).source as NSString).lastPathComponent } == ["2.yaml", "3.json", "10.json"])
        #expect(Self.values(records) == [.object(["n": .int(2)]), nil, .object(["n": .int(10)])])
        var limits = RecordsLimits()
        limits.maxRecords = 2
        let error = #expect(throws: DocFillError.self) { try BatchRecords(contentsOf: dir.path, records: limits) }
        #expect(error?.code == "records_too_large" && error?.description.contains("record 3 is 10.json") == true)
    }

    /// The data limits bound each record: a records file far over `--max-data-mib` of small
    /// records is read, one record over it fails alone, with its number. The batch's own
    /// limits refuse the whole batch before anything is written.
    @Test func dataLimitsApplyPerRecordAndTheBatchHasItsOwn() throws {
        let dir = TestPaths.scratch()
        let template = TestPaths.fixture("row-loop.docx")
        let record = #"{"items": [{"name": "Táo", "qty": 1, "price": "1.50"}], "total_qty": 1}"#
        let huge = #"{"items": [], "total_qty": 1, "note": ""# + String(repeating: "x", count: 1 << 20) + #""}"#
        let padding = String(repeating: " ", count: 1 << 20)
        let array = try CheckTests.write("[\(record),\(padding)\(record),\n\(huge), \(record)]", "r.json", in: dir)
        let lines = try CheckTests.write("\(record)\n\(padding)\n\(record)\n\(huge)\n\(record)\n", "r.jsonl", in: dir)
        let out = dir.appendingPathComponent("out").path
        func batch(_ records: String, _ options: [String]) throws -> (status: Int32, stderr: String, files: [String]) {
            try? FileManager.default.removeItem(atPath: out)
            let r = try CLITests.docfill(["batch", template, records, "-o", out] + options)
            return (r.status, r.stderr, (try? FileManager.default.contentsOfDirectory(atPath: out).sorted()) ?? [])
        }
        for (file, source, place) in [(array, "\(array)[2]", "\(array):2:1"), (lines, "\(lines):4", "\(lines):4:1")] {
            let r = try batch(file, ["--max-data-mib", "1"])
            #expect(r.status == 1)
            #expect(r.stderr == """
                record 3 (\(source)): \(place): error[data_too_large]: the record is larger than 1048576 bytes; split it or raise --max-data-mib
                rendered 3 of 4, 1 failed

                """)
            #expect(r.files == ["record-0001.docx", "record-0002.docx", "record-0004.docx"])
            #expect(try batch(file, []).stderr == "rendered 4 of 4\n")

            let many = try batch(file, ["--max-records", "3"])
            #expect(many.status == 1 && many.files.isEmpty)
            #expect(many.stderr.contains("error[records_too_large]: record 4 is one more than the limit of 3 records"), "\(many.stderr)")
            let big = try batch(file, ["--max-records-mib", "1"])
            #expect(big.status == 1 && big.files.isEmpty)
            #expect(big.stderr.hasPrefix("\(file)"), "\(big.stderr)")
            #expect(big.stderr.contains("error[records_too_large]: the records file is larger than 1048576 bytes (reached in record 2)"),
                    "\(big.stderr)")
        }
        // Depth and value counts are each record's: the array's own level is not counted.
        let deep = try batch(array, ["--max-data-depth", "3"])
        #expect(deep.stderr == "rendered 4 of 4\n")
    }

    /// `{{@number}}` in `--name` is the record's number; `@count` the batch's size.
    @Test func namesMayUseTheRecordNumber() throws {
        let dir = TestPaths.scratch()
        let data = try CheckTests.write(BatchTests.records(3), "orders.jsonl", in: dir)
        let out = dir.appendingPathComponent("out").path
        let r = try CLITests.docfill(["batch", TestPaths.fixture("row-loop.docx"), data, "-o", out,
                                      "--name", "{{@number}} of {{@count}} {{year}}.docx"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: out).sorted()
                == ["1 of 3 2023.docx", "2 of 3 2023.docx", "3 of 3 2023.docx"])
    }

    /// One job or two: the same files, byte for byte; failures, duplicate names and warnings
    /// reported in record order whichever worker finished first.
    @Test func jobsChangeNothingButTheTime() throws {
        let dir = TestPaths.scratch()
        var lines = BatchTests.records(24).split(separator: "\n").map(String.init)
        lines[4] = "{\"ward\": "                                         // record 5: bad JSON
        lines[9] = lines[9].replacingOccurrences(of: "\"total_qty\": 10", with: "\"x\": 0")    // record 10: unknown name
        lines[15] = lines[3]                                                  // record 16: the name of record 4
        lines[20] = lines[20].replacingOccurrences(of: "Phường 21", with: "TODO: phường")     // record 21: a drafted to-do
        let data = try CheckTests.write(lines.joined(separator: "\n"), "orders.jsonl", in: dir)
        var results: [(stderr: String, files: [String: Data])] = []
        for jobs in ["1", "2"] {
            let out = dir.appendingPathComponent("out-\(jobs)").path
            let r = try CLITests.docfill(["batch", TestPaths.fixture("row-loop.docx"), data, "-o", out, "--jobs", jobs,
                                          "--name", "{{ward}}", "--draft"])
            #expect(r.status == 1)
            let names = try FileManager.default.contentsOfDirectory(atPath: out)
            results.append((r.stderr, try Dictionary(uniqueKeysWithValues: names.map {
                ($0, try Data(contentsOf: URL(fileURLWithPath: out + "/" + $0)))
            })))
        }
        #expect(results[0].files.count == 21)
        #expect(results[0].files == results[1].files)
        #expect(results[0].stderr == results[1].stderr)
        let stderr = results[1].stderr.split(separator: "\n").map(String.init)
        #expect(stderr.count == 5, "\(stderr)")
        #expect(stderr.first?.contains("warning[open_todo]") == true, "\(stderr)")
        #expect(stderr.dropFirst().dropLast().map { $0.prefix(while: { $0 != ")" }) + ")" }
                == ["record 5 (\(data):5)", "record 10 (\(data):10)", "record 16 (\(data):16)"])
        #expect(stderr.last == "rendered 21 of 24, 3 failed")
        #expect(stderr[3].contains("error[duplicate_name]: the output name 'Phường 4.docx' is also the name of record 4"), "\(stderr[3])")
    }
}
