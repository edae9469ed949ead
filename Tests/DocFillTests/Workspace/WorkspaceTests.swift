import Foundation
import Testing
import OfficialReport
@testable import DocFill

/// `Workspace`: listing by id, pairing, the id grammar, confinement to the root, versioned saves.
struct WorkspaceTests {
    /// A workspace laid out as the repository's bundled files: Templates/, Samples/, Examples/.
    static func bundled(_ name: String = #function) throws -> URL {
        let dir = TestPaths.scratch(name)
        let fm = FileManager.default
        for folder in ["Templates", "Samples", "Examples/invoice", "Examples/letter"] {
            let from = TestPaths.repo.appendingPathComponent(folder), to = dir.appendingPathComponent(folder)
            try fm.createDirectory(at: to, withIntermediateDirectories: true)
            for file in try fm.contentsOfDirectory(atPath: from.path)
            where ["docx", "odt", "fodt", "yaml", "json"].contains((file as NSString).pathExtension) {
                try fm.copyItem(at: from.appendingPathComponent(file), to: to.appendingPathComponent(file))
            }
        }
        return dir
    }

    static let models = DataModels([OfficialReportModel()])

    static func code(_ body: () throws -> Void) -> String? {
        do { try body(); return nil } catch let e as DocFillError { return e.code } catch { return "\(error)" }
    }

    @Test func listsTemplatesWithFormatModelAndTitle() throws {
        let ws = try Workspace(root: try Self.bundled().path, models: Self.models)
        let templates = ws.templates()
        #expect(templates.map(\.id) == ["bao-cao-dang-uy.docx", "bao-cao-dang-uy.odt", "bao-cao-ubnd.docx", "bao-cao-ubnd.odt",
                                         "invoice.docx", "invoice.fodt", "invoice.odt", "letter.docx", "letter.fodt", "letter.odt"])
        let party = try #require(templates.first)
        #expect(party == Workspace.TemplateEntry(id: "bao-cao-dang-uy.docx", format: "docx", model: "official-report:party",
                                                 title: "Báo cáo của Đảng ủy phường (Hướng dẫn 36-HD/VPTW)"))
        #expect(templates.first { $0.id == "invoice.fodt" }?.format == "fodt")
        #expect(templates.first { $0.id == "bao-cao-ubnd.odt" }?.model == "official-report:state")
        #expect(templates.allSatisfy { $0.problem == nil })
        #expect(ws.problems().isEmpty)
    }

    @Test func pairsDataWithTemplatesByModelAndByName() throws {
        let ws = try Workspace(root: try Self.bundled().path, models: Self.models)
        let data = Dictionary(uniqueKeysWithValues: ws.dataFiles().map { ($0.id, $0) })
        #expect(data.keys.sorted() == ["invoice.yaml", "members.yaml", "party-from-code.yaml", "pho-hoa-2023.yaml",
                                       "pho-hoa-2024.yaml", "ubnd-pho-hoa-2025-5-nam.yaml", "ubnd-pho-hoa-2025.yaml"])
        #expect(data["pho-hoa-2024.yaml"] == Workspace.DataEntry(id: "pho-hoa-2024.yaml", format: "yaml", extends: "pho-hoa-2023.yaml",
                                                                 templates: ["bao-cao-dang-uy.docx", "bao-cao-dang-uy.odt"]))
        #expect(data["ubnd-pho-hoa-2025.yaml"]?.templates == ["bao-cao-ubnd.docx", "bao-cao-ubnd.odt"])
        #expect(data["invoice.yaml"]?.templates == ["invoice.docx", "invoice.fodt", "invoice.odt"])
        #expect(data["members.yaml"]?.templates == ["letter.docx", "letter.fodt", "letter.odt"])
        #expect(data["pho-hoa-2023.yaml"]?.extends == nil)
        // One entry alone is the same as in the list.
        #expect(try ws.dataEntry("pho-hoa-2024.yaml") == data["pho-hoa-2024.yaml"])
        #expect(try ws.templateEntry("invoice.odt") == ws.templates().first { $0.id == "invoice.odt" })
        #expect(Self.code { _ = try ws.dataEntry("invoice.docx") } == "unknown_id")
    }

    @Test func refusesEverythingThatIsNotAnID() throws {
        let ws = try Workspace(root: try Self.bundled().path)
        for bad in ["../Samples/pho-hoa-2023.yaml", "Samples/pho-hoa-2023.yaml", "/etc/passwd", "..", ".hidden.yaml",
                    "%2e%2e%2fpasswd.yaml", "a\u{0}.yaml", "a\\b.yaml", "", "pho-hoa-2023", "x.sh", "a..yaml",
                    "phổ-hòa.yaml", String(repeating: "a", count: 101) + ".yaml", " a.yaml"] {
            #expect(Self.code { _ = try ws.read(bad) } == "invalid_id", "\(bad)")
            #expect(Self.code { try ws.save(bad, text: "a: 1\n", ifVersion: nil) } == "invalid_id", "\(bad)")
        }
        let error = #expect(throws: DocFillError.self) { try ws.read("../x.yaml") }
        #expect(error?.description == "../x.yaml: error[invalid_id]: '../x.yaml' is not a workspace name: a name is a file name of letters, digits, '.', '-' and '_' ending in .docx, .odt, .fodt, .yaml, .yml or .json, never a path")
        #expect(Self.code { _ = try ws.read("nothing.yaml") } == "unknown_id")
        #expect(Self.code { _ = try ws.read("invoice.docx") } == "unknown_id")
    }

    @Test func neverReadsOrWritesOutsideTheRoot() throws {
        let outside = TestPaths.scratch()
        let secret = outside.appendingPathComponent("secret.yaml")
        try Data("secret: 1\n".utf8).write(to: secret)
        let dir = TestPaths.scratch()
        let fm = FileManager.default
        try fm.createSymbolicLink(atPath: dir.appendingPathComponent("link.yaml").path, withDestinationPath: secret.path)
        try fm.createSymbolicLink(atPath: dir.appendingPathComponent("folder").path, withDestinationPath: outside.path)
        try Data("extends: ../\(outside.lastPathComponent)/secret.yaml\na: 1\n".utf8).write(to: dir.appendingPathComponent("up.yaml"))
        try Data("a: 1\n".utf8).write(to: dir.appendingPathComponent("mine.yaml"))
        let ws = try Workspace(root: dir.path)

        #expect(Self.code { _ = try ws.read("link.yaml") } == "outside_workspace")
        #expect(Self.code { try ws.save("link.yaml", text: "b: 2\n", ifVersion: nil) } == "outside_workspace")
        #expect(Self.code { _ = try ws.read("secret.yaml") } == "unknown_id")    // the folder link is not followed
        #expect(Self.code { _ = try ws.load("up.yaml") } == "outside_workspace")
        #expect(Self.code { try ws.save("mine.yaml", text: "extends: \(secret.path)\n", ifVersion: nil) } == "outside_workspace")
        #expect(Self.code { try ws.save("mine.yaml", text: "extends: link.yaml\n", ifVersion: nil) } == "outside_workspace")
        #expect(ws.dataFiles().map(\.id) == ["mine.yaml", "up.yaml"])
        #expect(ws.dataFiles().last?.problem?.code == "outside_workspace")
        #expect(try String(contentsOf: secret, encoding: .utf8) == "secret: 1\n")
        #expect(try String(contentsOf: dir.appendingPathComponent("mine.yaml"), encoding: .utf8) == "a: 1\n")
    }

    @Test func aSaveFromAStaleFormIsRefused() throws {
        let dir = TestPaths.scratch()
        try Data("a: 1\n".utf8).write(to: dir.appendingPathComponent("d.yaml"))
        let ws = try Workspace(root: dir.path)
        let opened = try ws.read("d.yaml")
        #expect(opened.version == Workspace.version(of: Array("a: 1\n".utf8)))
        #expect(opened.version.count == 64)
        let saved = try ws.save("d.yaml", text: "a: 2\n", ifVersion: opened.version)
        #expect(saved == (try ws.read("d.yaml").version))
        let error = #expect(throws: DocFillError.self) { try ws.save("d.yaml", text: "a: 3\n", ifVersion: opened.version) }
        #expect(error?.description == "d.yaml: error[stale_form]: 'd.yaml' was changed since this form was opened (someone else saved it); reload it and make your change again, nothing was saved")
        #expect(try ws.read("d.yaml").text == "a: 2\n")
    }

    @Test func aSaveMustBeDataWithinTheLimits() throws {
        let dir = TestPaths.scratch()
        try Data("a: 1\n".utf8).write(to: dir.appendingPathComponent("d.yaml"))
        var limits = DataLimits()
        limits.maxBytes = 64
        let ws = try Workspace(root: dir.path, limits: limits)
        #expect(Self.code { try ws.save("d.yaml", text: "a: [1\n", ifVersion: nil) } == "data_syntax")
        #expect(Self.code { try ws.save("d.yaml", text: "a: \"" + String(repeating: "x", count: 80) + "\"\n", ifVersion: nil) } == "data_too_large")
        #expect(Self.code { try ws.save("d.yaml", value: .object(["a": .string(String(repeating: "x", count: 80))]), ifVersion: nil) } == "data_too_large")
        let missing = #expect(throws: DocFillError.self) { try ws.save("d.yaml", text: "extends: none.yaml\n", ifVersion: nil) }
        #expect(missing?.description == "d.yaml:1:1: error[missing_base]: extends 'none.yaml', but none.yaml does not exist")
        let cycle = #expect(throws: DocFillError.self) { try ws.save("d.yaml", text: "extends: d.yaml\n", ifVersion: nil) }
        #expect(cycle?.code == "cycle_in_extends")
        #expect(cycle?.diagnostics.first?.location.file == "d.yaml")
        #expect(try ws.read("d.yaml").text == "a: 1\n")
        // No temporary file is left beside it.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["d.yaml"])
    }

    @Test func savedTextIsNFC() throws {
        let dir = TestPaths.scratch()
        try Data("a: 1\n".utf8).write(to: dir.appendingPathComponent("d.yaml"))
        let ws = try Workspace(root: dir.path)
        let decomposed = "name: \"Phổ Hòa\"\n".decomposedStringWithCanonicalMapping
        try ws.save("d.yaml", text: decomposed, ifVersion: nil)
        #expect(try ws.read("d.yaml").text == "name: \"Phổ Hòa\"\n".precomposedStringWithCanonicalMapping)
        try ws.save("d.yaml", value: .object(["ten": .string("Đảng ủy".decomposedStringWithCanonicalMapping)]), ifVersion: nil)
        #expect(try ws.read("d.yaml").text == "ten: \"Đảng ủy\"\n")
    }

    @Test func aJSONFileThatExtendsAnotherIsSavedAsJSON() throws {
        let dir = TestPaths.scratch()
        try Data(#"{"a": {"b": 1, "c": "x"}, "d": [1, 2]}"#.utf8).write(to: dir.appendingPathComponent("base.json"))
        try Data(#"{"extends": "base.json", "a": {"b": 2}}"#.utf8).write(to: dir.appendingPathComponent("new.json"))
        let ws = try Workspace(root: dir.path)
        let edited = try DataLoader.loadJSON(Array(#"{"a": {"b": 3, "c": "Đảng ủy"}, "d": [1, 2]}"#.utf8), file: "e")
        try ws.save("new.json", value: edited, ifVersion: try ws.read("new.json").version)
        #expect(try ws.read("new.json").text == "{\n  \"a\": {\n    \"b\": 3,\n    \"c\": \"Đảng ủy\"\n  },\n  \"extends\": \"base.json\"\n}\n")
        #expect(try ws.load("new.json").data.value == edited)
    }

    @Test func nextYearWritesBesideTheSourceAndRefusesATakenName() throws {
        let root = try Self.bundled()
        let ws = try Workspace(root: root.path, models: Self.models)
        let outcome = try ws.nextYear("pho-hoa-2024.yaml", as: "pho-hoa-2025.yaml", model: OfficialReportModel())
        #expect(outcome.written == "pho-hoa-2025.yaml")
        #expect(outcome.todos > 0)
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("Samples/pho-hoa-2025.yaml").path))
        #expect(ws.dataFiles().first { $0.id == "pho-hoa-2025.yaml" }?.extends == "pho-hoa-2024.yaml")
        #expect(Self.code { _ = try ws.nextYear("pho-hoa-2024.yaml", as: "pho-hoa-2023.yaml", model: OfficialReportModel()) } == "output_exists")
        #expect(Self.code { _ = try ws.nextYear("pho-hoa-2024.yaml", as: "../x.yaml", model: OfficialReportModel()) } == "invalid_id")
    }
}
