import Foundation
import Testing
import OfficialReport
@testable import DocFill

/// `DataInheritance.patch`: a saved file that extends another loads back to the edited value.
struct DataPatchTests {
    static func yaml(_ text: String) throws -> Value { try DataLoader.loadYAML(text, file: "t") }

    /// Writes `base` and the patch of `edited` over it as files, loads the extending file.
    static func roundTrip(base: String, edited: Value, _ name: String = #function) throws -> (patch: Value, loaded: Value) {
        let dir = TestPaths.scratch(name)
        try Data(base.utf8).write(to: dir.appendingPathComponent("base.yaml"))
        guard case .object(var patch) = try DataInheritance.patch(from: try yaml(base), to: edited) else {
            Issue.record("not an object"); return (.null, .null)
        }
        let written = patch
        patch["extends"] = .string("base.yaml")
        let file = dir.appendingPathComponent("new.yaml")
        try Data(YAMLWriter(keyOrder: ["extends"]).write(.object(patch)).utf8).write(to: file)
        return (.object(written), try DataLoader.load(contentsOf: file.path))
    }

    @Test func nestedMapsKeepOnlyTheChangedKey() throws {
        let base = "a: 1\nb: {c: 2, d: {e: 3, f: 4}}\n"
        let edited = try Self.yaml("a: 1\nb: {c: 2, d: {e: 30, f: 4}}\n")
        let (patch, loaded) = try Self.roundTrip(base: base, edited: edited)
        #expect(patch == (try Self.yaml("b: {d: {e: 30}}")))
        #expect(loaded == edited)
    }

    @Test func aChangedListIsAnIndexPatchWhenItKeepsItsLength() throws {
        let base = "l: [1, 2, 3]\nrows: [{label: a, v: 1}, {label: b, v: 2}]\n"
        let edited = try Self.yaml("l: [1, 5, 3]\nrows: [{label: a, v: 1}, {label: b, v: 7}]\n")
        let (patch, loaded) = try Self.roundTrip(base: base, edited: edited)
        #expect(patch == (try Self.yaml(#"{l: {"[1]": 5}, rows: {"[1]": {v: 7}}}"#)))
        #expect(loaded == edited)
    }

    @Test func aListOfAnotherLengthIsWrittenWhole() throws {
        let base = "l: [1, 2, 3]\n"
        let edited = try Self.yaml("l: [1, 2, 3, 4]\n")
        let (patch, loaded) = try Self.roundTrip(base: base, edited: edited)
        #expect(patch == edited)
        #expect(loaded == edited)
    }

    @Test func listsMergedByIDWriteChangedAndNewItems() throws {
        let base = "rows: [{id: a, v: 1}, {id: b, v: 2}]\n"
        let edited = try Self.yaml("rows: [{id: a, v: 1}, {id: b, v: 3}, {id: c, v: 4}]\n")
        let (patch, loaded) = try Self.roundTrip(base: base, edited: edited)
        #expect(patch == (try Self.yaml("rows: [{id: b, v: 3}, {id: c, v: 4}]")))
        #expect(loaded == edited)
    }

    @Test func aRemovedKeyIsWrittenAsNull() throws {
        let base = "a: 1\nb: {c: 2, d: 3}\n"
        let edited = try Self.yaml("a: 1\nb: {c: 2}\n")
        let (patch, loaded) = try Self.roundTrip(base: base, edited: edited)
        #expect(patch == (try Self.yaml("b: {d: null}")))
        #expect(loaded == (try Self.yaml("a: 1\nb: {c: 2, d: null}\n")))
    }

    @Test func anItemRemovedFromAListMergedByIDCannotBeWritten() throws {
        let base = try Self.yaml("t: {rows: [{id: a, v: 1}, {id: b, v: 2}, {id: c, v: 3}]}\n")
        let edited = try Self.yaml("t: {rows: [{id: a, v: 1}, {id: c, v: 3}]}\n")
        let error = #expect(throws: DocFillError.self) {
            try DataInheritance.patch(from: base, to: edited, place: SourceLocation(file: "new.yaml"))
        }
        #expect(error?.description == "new.yaml: error[unpatchable_change]: t.rows: the change cannot be written over the base file: an item removed from (or moved in) a list merged by 'id' would come back; make the change in the base file, or save this file without 'extends'")
    }

    @Test func equalValuesGiveAnEmptyPatch() throws {
        let base = try Self.yaml("a: [1, {b: 2}]\n")
        #expect(try DataInheritance.patch(from: base, to: base) == .object([:]))
    }

    /// The sample that extends the 2023 report: its merged value, edited in a paragraph, a
    /// header field and an appendix row, saved as a patch and loaded back.
    @Test func theYearlySampleRoundTrips() throws {
        let samples = TestPaths.repo.appendingPathComponent("Samples")
        let base = try DataLoader.load(contentsOf: samples.appendingPathComponent("pho-hoa-2023.yaml").path)
        let merged = try DataLoader.load(contentsOf: samples.appendingPathComponent("pho-hoa-2024.yaml").path)
        // Unchanged: the patch gives the same data back.
        var remerged = (base, PlaceTree())
        try DataInheritance.merge(&remerged, try DataInheritance.patch(from: base, to: merged), PlaceTree(), file: "")
        #expect(remerged.0 == merged)

        guard case .object(var edited) = merged, case .array(var appendices)? = edited["appendices"],
              case .object(var first) = appendices[0], case .array(var rows)? = first["rows"] else {
            Issue.record("unexpected sample shape"); return
        }
        edited["number"] = .string("15")
        edited["subject"] = .string("công tác dân vận năm 2024 của Đảng ủy phường Phổ Hòa")
        rows.append(rows[rows.count - 1])
        first["rows"] = .array(rows)
        appendices[0] = .object(first)
        edited["appendices"] = .array(appendices)
        let editedValue = Value.object(edited)

        let dir = TestPaths.scratch()
        for name in ["pho-hoa-2023.yaml", "pho-hoa-2024.yaml"] {
            try FileManager.default.copyItem(at: samples.appendingPathComponent(name), to: dir.appendingPathComponent(name))
        }
        let ws = try Workspace(root: dir.path)
        let version = try ws.read("pho-hoa-2024.yaml").version
        try ws.save("pho-hoa-2024.yaml", value: editedValue, ifVersion: version)
        #expect(try DataLoader.load(contentsOf: dir.appendingPathComponent("pho-hoa-2024.yaml").path) == editedValue)
        let text = try ws.read("pho-hoa-2024.yaml").text
        #expect(text.hasPrefix("extends: \"pho-hoa-2023.yaml\"\n"))
        #expect(text.contains("subject: \"công tác dân vận năm 2024 của Đảng ủy phường Phổ Hòa\""))
        #expect(text == text.precomposedStringWithCanonicalMapping)
        // Only the edited appendix is written, not the inherited ones.
        #expect(text.contains("appendices:\n  \"[0]\":\n    rows:\n"))
        let otherTitle = try #require(appendices[1]["title"]?.scalarText)
        #expect(!text.contains(otherTitle))
    }
}
