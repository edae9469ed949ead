import Foundation
import Testing
@testable import DocFill

/// No template XML is dropped that the data did not remove: for every fixture and every
/// real-world case, the elements a compiled part writes outside any section (and outside a
/// table that vanishes when it has no rows) must all be in the rendered part — per element
/// name, the output holds at least as many as the template writes unconditionally.
struct StructuralDiffTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String, template: String, data: String, output: String?, curly: Bool
        var testDescription: String { name }
    }

    static let fixtureNames = ["variables", "row-loop", "multi-row-loop", "paragraph-loop", "header-footer",
                               "inline-loop", "empty-table", "docxtemplater-syntax", "odt-specifics", "images"]

    static let cases: [Case] = {
        var cases: [Case] = []
        for name in fixtureNames {
            for ext in ["docx", "odt", "fodt"] where FileManager.default.fileExists(atPath: TestPaths.fixture("\(name).\(ext)")) {
                cases.append(Case(name: "\(name).\(ext)", template: TestPaths.fixture("\(name).\(ext)"),
                                  data: TestPaths.fixture("\(name).json"), output: nil, curly: name == "docxtemplater-syntax"))
            }
        }
        for c in RealWorldCorpusTests.cases {
            cases.append(Case(name: c.name, template: c.template, data: c.data,
                              output: RealWorldCorpusTests.rendered[c.name]?.output, curly: c.isCurly))
        }
        return cases
    }()

    /// Element names of the start tags in XML bytes (comments, declarations and end tags left out).
    static func startTags(_ bytes: some Collection<UInt8>, into counts: inout [String: Int]) {
        let b = Array(bytes)
        var i = 0
        while i < b.count {
            if b[i] == UInt8(ascii: "<"), i + 1 < b.count, ![UInt8(ascii: "/"), UInt8(ascii: "?"), UInt8(ascii: "!")].contains(b[i + 1]) {
                var j = i + 1
                while j < b.count, ![UInt8(ascii: " "), UInt8(ascii: "/"), UInt8(ascii: ">"), 0x09, 0x0A, 0x0D].contains(b[j]) { j += 1 }
                counts[String(decoding: b[(i + 1)..<j], as: UTF8.self), default: 0] += 1
                i = j
            } else {
                i += 1
            }
        }
    }

    /// What a plan writes whatever the data: its bytes outside sections, pictures and tables
    /// that vanish without rows.
    static func unconditional(_ nodes: [PlanNode], into counts: inout [String: Int]) {
        for node in nodes {
            switch node {
            case .bytes(let bytes): startTags(bytes, into: &counts)
            case .counted(let body): unconditional(body, into: &counts)
            case .guarded(.paragraphIfEmpty, let open, let body, let close):
                startTags(open, into: &counts); unconditional(body, into: &counts); startTags(close, into: &counts)
            case .guarded(.dropIfNoRows, _, _, _), .section, .value, .image, .uniqueID, .cellSpan: continue
            // A shaped table's merged cells and grid columns follow the data: it is counted as rendered.
            case .shapedTable: continue
            }
        }
    }

    @Test(arguments: cases)
    func nothingOutsideSectionsIsLost(_ c: Case) throws {
        let options = c.curly ? CompileOptions(delimiters: Delimiters(open: "{", close: "}")) : CompileOptions()
        let template = try DocumentTemplate(contentsOf: c.template, options: options)
        let output: String
        if let rendered = c.output {
            output = rendered
        } else {
            output = TestPaths.scratch(c.name).appendingPathComponent("out.\((c.template as NSString).pathExtension)").path
            try template.render(try RealWorldCorpusTests.load(c.data), to: output,
                                options: RenderOptions(baseDirectory: TestPaths.fixtures.path))
        }
        let outputBytes = try CorpusDocument.read(output)
        let reader = template.format == .fodt ? nil : try ZipReader(TemplateBytes(outputBytes), file: output, limits: ArchiveLimits())
        #expect(!template.plans.isEmpty)
        for (name, plan) in template.plans {
            var expected: [String: Int] = [:], found: [String: Int] = [:]
            Self.unconditional(plan.nodes, into: &expected)
            if let reader {
                let entry = try #require(reader.entry(named: name), "\(name) missing from the output")
                Self.startTags(try reader.read(entry), into: &found)
            } else {
                Self.startTags(outputBytes, into: &found)
            }
            let lost = expected.filter { found[$0.key, default: 0] < $0.value }
                .map { "\($0.key): \($0.value) in the template, \(found[$0.key, default: 0]) in the output" }.sorted()
            #expect(lost.isEmpty, "\(c.name) \(name): \(lost)")
        }
    }
}
