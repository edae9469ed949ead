import Foundation
import Testing
@testable import DocFill

/// `extends:` in data files: the merge rules, and the errors with their places.
struct DataInheritanceTests {
    /// Writes the files into a fresh folder and returns it.
    static func folder(_ files: [String: String], _ name: String = #function) throws -> URL {
        let dir = TestPaths.scratch(name)
        for (file, text) in files {
            let url = dir.appendingPathComponent(file)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        return dir
    }

    static func load(_ files: [String: String], _ main: String = "new.yaml", _ name: String = #function) throws -> Value {
        try DataLoader.load(contentsOf: folder(files, name).appendingPathComponent(main).path)
    }

    static func yaml(_ text: String) throws -> Value { try DataLoader.loadYAML(text, file: "expected") }

    @Test func overridesWhatItNamesAndInheritsTheRest() throws {
        let merged = try Self.load([
            "base.yaml": "a: 1\nb: {c: 2, d: 3}\ntext: old\nkeep: [x]\n",
            "new.yaml": "extends: base.yaml\nb: {c: 9}\ntext: new\nadded: true\n",
        ])
        #expect(merged == (try Self.yaml("a: 1\nb: {c: 9, d: 3}\ntext: new\nkeep: [x]\nadded: true\n")))
        #expect(merged["extends"] == nil)
    }

    @Test func listsAreReplacedWhole() throws {
        let merged = try Self.load([
            "base.yaml": "l: [1, 2, 3]\nrows: [{label: a, v: 1}, {label: b, v: 2}]\n",
            "new.yaml": "extends: base.yaml\nl: [4]\nrows: [{label: c, v: 3}]\n",
        ])
        #expect(merged == (try Self.yaml("l: [4]\nrows: [{label: c, v: 3}]\n")))
    }

    @Test func listsOfObjectsWithIdsMergeByID() throws {
        let merged = try Self.load([
            "base.yaml": "items: [{id: a, v: 1, w: x}, {id: b, v: 2, w: y}, {id: 3, v: 3}]\n",
            "new.yaml": "extends: base.yaml\nitems: [{id: b, v: 20}, {id: c, v: 4}, {id: 3, w: z}]\n",
        ])
        #expect(merged == (try Self.yaml("items: [{id: a, v: 1, w: x}, {id: b, v: 20, w: y}, {id: 3, v: 3, w: z}, {id: c, v: 4}]\n")))
    }

    @Test func indexKeysPatchListItems() throws {
        let merged = try Self.load([
            "base.yaml": "rows: [{label: a, cells: [1, 2, 3]}, {label: b, cells: [4, 5, 6]}]\n",
            "new.yaml": "extends: base.yaml\nrows:\n  \"[1]\":\n    cells: {\"[0]\": 40, \"[2]\": TODO}\n",
        ])
        #expect(merged == (try Self.yaml("rows: [{label: a, cells: [1, 2, 3]}, {label: b, cells: [40, 5, TODO]}]\n")))
    }

    @Test func nullReplacesAndJSONExtendsToo() throws {
        let merged = try Self.load([
            "sub/base.json": #"{"total": {"cells": [1]}, "name": "An"}"#,
            "new.json": #"{"extends": "sub/base.json", "total": null}"#,
        ], "new.json")
        #expect(merged == .object(["total": .null, "name": .string("An")]))
    }

    @Test func basesChainAndPlacesPointToTheFileThatSetEachValue() throws {
        let dir = try Self.folder([
            "2022.yaml": "date: 2022-08-15\nsubject: s\n",
            "2023.yaml": "extends: 2022.yaml\ndate: 2023-08-15\n",
            "2024.yaml": "# next\nextends: 2023.yaml\n\ndate: 2024-08-15\n",
        ])
        let loaded = try DataLoader.loadDocument(contentsOf: dir.appendingPathComponent("2024.yaml").path)
        #expect(loaded.value == .object(["date": .string("2024-08-15"), "subject": .string("s")]))
        #expect(loaded.places["date"]?.description == dir.appendingPathComponent("2024.yaml").path + ":4:1")
        #expect(loaded.places["subject"]?.description == dir.appendingPathComponent("./2023.yaml/../2022.yaml").path
                    .replacingOccurrences(of: "/./2023.yaml/..", with: "") + ":2:1")
        #expect(loaded.files.map { ($0 as NSString).lastPathComponent } == ["2024.yaml", "2023.yaml", "2022.yaml"])
        #expect(loaded.base == .object(["date": .string("2023-08-15"), "subject": .string("s")]))
    }

    @Test func aCycleIsAnErrorAtTheExtendsLine() throws {
        let dir = try Self.folder(["a.yaml": "x: 1\nextends: b.yaml\n", "b.yaml": "extends: a.yaml\n"])
        let a = dir.appendingPathComponent("a.yaml").path
        let error = #expect(throws: DocFillError.self) { try DataLoader.load(contentsOf: a) }
        #expect(error?.code == "cycle_in_extends")
        #expect(error?.diagnostics.first?.location.line == 1)
        #expect(error?.description.hasSuffix("error[cycle_in_extends]: extends 'a.yaml', which extends this file again: a.yaml → b.yaml → a.yaml") == true)
        let selfish = try Self.folder(["s.yaml": "extends: s.yaml\n"])
        #expect(throws: DocFillError.self) { try DataLoader.load(contentsOf: selfish.appendingPathComponent("s.yaml").path) }
    }

    @Test func aMissingBaseIsAnErrorWithTheFileAndLine() throws {
        let dir = try Self.folder(["new.yaml": "date: 2024-01-01\nextends: old.yaml\n"])
        let path = dir.appendingPathComponent("new.yaml").path
        let error = #expect(throws: DocFillError.self) { try DataLoader.load(contentsOf: path) }
        #expect(error?.description == "\(path):2:1: error[missing_base]: extends 'old.yaml', but \(dir.appendingPathComponent("old.yaml").path) does not exist")
    }

    @Test func badExtendsAndBadPatches() throws {
        let notText = #expect(throws: DocFillError.self) { try Self.load(["new.yaml": "extends: [a.yaml]\n"]) }
        #expect(notText?.code == "bad_extends")
        let outside = #expect(throws: DocFillError.self) {
            try Self.load(["base.yaml": "l: [1, 2]\n", "new.yaml": "extends: base.yaml\nl:\n  \"[2]\": 3\n"])
        }
        #expect(outside?.code == "bad_patch")
        #expect(outside?.diagnostics.first?.location.line == 3)
        let noList = #expect(throws: DocFillError.self) {
            try Self.load(["base.yaml": "l: 1\n", "new.yaml": "extends: base.yaml\nl: {\"[0]\": 3}\n"])
        }
        #expect(noList?.code == "bad_patch")
    }

    @Test func standardInputResolvesAgainstTheCurrentFolder() throws {
        let r = try CLITests.docfill(["render", TestPaths.fixture("row-loop.docx"), "-", "-o",
                                      TestPaths.scratch().appendingPathComponent("out.docx").path],
                                     stdin: "extends: Tests/DocFillTests/Fixtures/row-loop.json\ntotal_qty: 99\n")
        #expect(r.status == 0, "\(r.stderr)")
    }
}
