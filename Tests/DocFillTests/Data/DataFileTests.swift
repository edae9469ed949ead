import Foundation
import Testing
@testable import DocFill

/// Reading data files within `DataLimits` (DataFile.swift) and JSON places (JSONReader.swift).
@Suite struct DataFileTests {
    private func failure(_ body: () throws -> Any) -> Diagnostic? {
        #expect(throws: DocFillError.self) { _ = try body() }?.diagnostics.first
    }

    @Test func filesOverTheByteLimitAreRefusedBeforeParsing() throws {
        let dir = TestPaths.scratch()
        let file = dir.appendingPathComponent("big.yaml")
        try Data(("a: " + String(repeating: "x", count: 100) + "\n").utf8).write(to: file)
        var limits = DataLimits(); limits.maxBytes = 50
        let big = failure { try DataLoader.load(contentsOf: file.path, limits: limits) }
        #expect(big?.code == "data_too_large")
        #expect(big?.message == "the data is larger than 50 bytes")
        #expect(big?.location == SourceLocation(file: file.path))
        limits.maxBytes = 104
        #expect(try DataLoader.load(contentsOf: file.path, limits: limits)["a"] == .string(String(repeating: "x", count: 100)))
        let folder = failure { try DataLoader.load(contentsOf: dir.path) }
        #expect(folder?.code == "io_error" && folder?.message == "cannot read the data file: it is a folder")
        let missing = failure { try DataLoader.load(contentsOf: dir.appendingPathComponent("none.json").path) }
        #expect(missing?.message == "cannot read the data file: no such file")
    }

    @Test func commasCountValuesOutsideStrings() {
        let text = Array(#"[1, ",,,", 2, 3]"#.utf8)
        text.withUnsafeBufferPointer { b in
            #expect(DataLoader.commaOverLimit(b, limit: 3) == 12)
            #expect(DataLoader.commaOverLimit(b, limit: 4) == nil)
        }
    }

    @Test func jsonPlacesAreKeptForEveryValue() throws {
        let dir = TestPaths.scratch()
        let file = dir.appendingPathComponent("d.json")
        try Data("{\n  \"a\": [1,\n    {\"b\": \"é\"}],\n  \"c\": null\n}".utf8).write(to: file)
        let loaded = try DataLoader.loadDocument(contentsOf: file.path)
        #expect(loaded.places["a"] == SourceLocation(file: file.path, line: 2, column: 8))
        #expect(loaded.places["a[1].b"] == SourceLocation(file: file.path, line: 3, column: 11))
        #expect(loaded.places["c"] == SourceLocation(file: file.path, line: 4, column: 8))
        let dup = failure { try DataLoader.loadJSON(Array("{\"é\": 1,\n \"é\": 2}".utf8), file: "d.json") }
        #expect(dup?.code == "duplicate_key")
        #expect(dup?.location == SourceLocation(file: "d.json", line: 2, column: 2))
        #expect(dup?.message == "the key 'é' appears twice in one object (first at line 1, column 2); keep one")
    }
}
