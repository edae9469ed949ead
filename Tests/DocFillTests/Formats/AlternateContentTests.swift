import Foundation
import Testing
@testable import DocFill

/// `mc:AlternateContent` holds one content twice: an `mc:Choice` for applications that know
/// its markup and an `mc:Fallback` for the others. Each branch is a tag scope of its own: a
/// tag is never joined across their boundary, a section must open and close in one branch
/// (or both outside), and a tag inside each branch renders in both.
struct AlternateContentTests {
    static func paragraph(_ runs: String) -> String { "<w:p>\(runs)</w:p>" }
    static func run(_ text: String) -> String { "<w:r><w:t xml:space=\"preserve\">\(text)</w:t></w:r>" }

    /// A paragraph whose runs are alternated: `choice` in the Choice, `fallback` in the Fallback.
    static func alternate(_ choice: String, _ fallback: String, before: String = "", after: String = "") -> String {
        paragraph(run(before) + "<mc:AlternateContent><mc:Choice Requires=\"w14\">\(run(choice))</mc:Choice>"
                  + "<mc:Fallback>\(run(fallback))</mc:Fallback></mc:AlternateContent>" + run(after))
    }

    static func template(_ body: String, name: String = #function) throws -> String {
        try TestPackage.make(from: "variables.docx", ["word/document.xml": TestPackage.text(TestPackage.wordDocument(body))],
                             name: name)
    }

    static func compileError(_ body: String, name: String = #function) throws -> String {
        let path = try template(body, name: name)
        do { _ = try DocumentTemplate(contentsOf: path); return "compiled" } catch let error as DocFillError {
            return error.diagnostics.map(\.description).joined(separator: "\n")
                .replacingOccurrences(of: path, with: "T")
        }
    }

    static func render(_ body: String, _ data: Value, name: String = #function) throws -> (xml: String, path: String) {
        let template = try DocumentTemplate(contentsOf: try template(body, name: name))
        let out = TestPaths.scratch(name).appendingPathComponent("out.docx").path
        try template.render(data, to: out)
        let entry = try ImageTests.entries(out).first { $0.name == "word/document.xml" }!
        return (String(decoding: entry.bytes, as: UTF8.self), out)
    }

    @Test func aTagInEachBranchRendersInBoth() throws {
        let (xml, out) = try Self.render(Self.alternate("A {{title}}", "B {{title}}"), .object(["title": .string("Report")]))
        #expect(xml.contains("<mc:Choice Requires=\"w14\"><w:r><w:t xml:space=\"preserve\">A Report</w:t></w:r></mc:Choice>"), "\(xml)")
        #expect(xml.contains("<mc:Fallback><w:r><w:t xml:space=\"preserve\">B Report</w:t></w:r></mc:Fallback>"), "\(xml)")
        let schemaErrors = try SchemaValidation.errors(of: out).subtracting(try SchemaValidation.errors(of: TestPaths.fixture("variables.docx")))
        #expect(schemaErrors.isEmpty, "\(schemaErrors)")
    }

    @Test func aTagIsNotJoinedAcrossTheBranches() throws {
        let errors = try Self.compileError(Self.alternate("{{ti", "tle}}"))
        // Before: compiled, and '{{ti' + 'tle}}' became one tag with 'tle}}' cut from the Fallback.
        #expect(errors == #"T:word/document.xml:2:666 (paragraph 1, "{{title}}"): error[unclosed_tag]: '{{ti' is not closed with '}}' in the same paragraph; a tag must close in its paragraph or in one of the 9 paragraphs after it"#)
    }

    @Test func aTagIsNotJoinedFromOutsideIntoABranch() throws {
        let errors = try Self.compileError(Self.alternate("tle}}", "tle}}", before: "{{ti"))
        #expect(errors == #"T:word/document.xml:2:576 (paragraph 1, "{{title}}tle}}"): error[unclosed_tag]: '{{ti' is not closed with '}}' in the same paragraph; a tag must close in its paragraph or in one of the 9 paragraphs after it"#)
    }

    @Test func aSectionOpenedInTheChoiceAndClosedInTheFallbackIsRefused() throws {
        let errors = try Self.compileError(Self.alternate("{{#a}}x", "y{{/a}}"))
        // Before: compiled, and the output held `<mc:AlternateContent><mc:Fallback/>` (schema-invalid).
        #expect(errors == #"""
            T:word/document.xml:2:666 (paragraph 1, "{{#a}}xy{{/a}}"): error[section_crosses_alternate_content]: '{{#a}}' and '{{/a}}' (the other at 2:742) are not in the same branch of an mc:AlternateContent: open and close a section inside one mc:Choice or mc:Fallback, or both outside it
            T:word/document.xml:2:742 (paragraph 1, "{{#a}}xy{{/a}}"): error[section_crosses_alternate_content]: '{{#a}}' and '{{/a}}' (the other at 2:666) are not in the same branch of an mc:AlternateContent: open and close a section inside one mc:Choice or mc:Fallback, or both outside it
            """#)
    }

    @Test func aSectionOpenedOutsideAndClosedInABranchIsRefused() throws {
        let errors = try Self.compileError(Self.paragraph(Self.run("{{#a}}")) + Self.alternate("x{{/a}}", "y"))
        #expect(errors == #"""
            T:word/document.xml:2:576 (paragraph 1, "{{#a}}"): error[section_crosses_alternate_content]: '{{#a}}' and '{{/a}}' (the other at 2:727) are not in the same branch of an mc:AlternateContent: open and close a section inside one mc:Choice or mc:Fallback, or both outside it
            T:word/document.xml:2:727 (paragraph 2, "x{{/a}}y"): error[section_crosses_alternate_content]: '{{#a}}' and '{{/a}}' (the other at 2:576) are not in the same branch of an mc:AlternateContent: open and close a section inside one mc:Choice or mc:Fallback, or both outside it
            """#)
    }

    @Test func aSectionInsideEachBranchRendersInBoth() throws {
        let (xml, out) = try Self.render(Self.alternate("{{#a}}A{{/a}}", "{{#a}}B{{/a}}"), .object(["a": .bool(true)]))
        #expect(xml.contains(">A<") && xml.contains(">B<"), "\(xml)")
        let schemaErrors = try SchemaValidation.errors(of: out).subtracting(try SchemaValidation.errors(of: TestPaths.fixture("variables.docx")))
        #expect(schemaErrors.isEmpty, "\(schemaErrors)")
    }

    @Test func aSectionAroundTheWholeAlternateRenders() throws {
        let (xml, out) = try Self.render(Self.paragraph(Self.run("{{#a}}")) + Self.alternate("A", "B") + Self.paragraph(Self.run("{{/a}}")),
                                         .object(["a": .array([.bool(true), .bool(true)])]))
        #expect(xml.components(separatedBy: "<mc:Choice").count == 3, "\(xml)")
        let schemaErrors = try SchemaValidation.errors(of: out).subtracting(try SchemaValidation.errors(of: TestPaths.fixture("variables.docx")))
        #expect(schemaErrors.isEmpty, "\(schemaErrors)")
    }
}
