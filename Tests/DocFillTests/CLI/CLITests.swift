import Foundation
import Testing
@testable import DocFill

/// The `docfill` executable, as a user runs it.
struct CLITests {
    static let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        .appendingPathComponent("docfill").path

    struct Result { var status: Int32; var stdout: String; var stderr: String }

    static func docfill(_ arguments: [String], environment: [String: String] = [:], stdin: String? = nil) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.currentDirectoryURL = TestPaths.repo
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out; process.standardError = err; process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }

    @Test func sameBytesInAnyTimeZone() throws {
        let dir = TestPaths.scratch()
        var outputs: [Data] = []
        for tz in ["UTC", "Asia/Ho_Chi_Minh", "America/Los_Angeles"] {
            let out = dir.appendingPathComponent("out-\(tz.replacingOccurrences(of: "/", with: "-")).docx").path
            let r = try Self.docfill(["render", TestPaths.fixture("row-loop.docx"), TestPaths.fixture("row-loop.json"), "-o", out],
                                     environment: ["TZ": tz])
            #expect(r.status == 0, "\(r.stderr)")
            outputs.append(try Data(contentsOf: URL(fileURLWithPath: out)))
        }
        #expect(outputs.allSatisfy { $0 == outputs[0] })
    }

    @Test func missingNamesAreAllReportedWithTheirPlace() throws {
        let dir = TestPaths.scratch()
        let data = dir.appendingPathComponent("data.json")
        try Data(#"{"items": []}"#.utf8).write(to: data)
        let out = dir.appendingPathComponent("out.docx").path
        let r = try Self.docfill(["render", "Tests/DocFillTests/Fixtures/variables.docx", data.path, "-o", out])
        #expect(r.status == 1)
        #expect(r.stderr == """
            Tests/DocFillTests/Fixtures/variables.docx:word/document.xml:2:1023 (paragraph 1, "{{title}}"): error[unknown_name]: '{{title}}': no 'title' in the data
            Tests/DocFillTests/Fixtures/variables.docx:word/document.xml:2:1257 (paragraph 2, "Customer: {{customer.name}} ({{customer.city}})"): error[unknown_name]: '{{customer.name}}': no 'customer' in the data
            Tests/DocFillTests/Fixtures/variables.docx:word/document.xml:2:1276 (paragraph 2, "Customer: {{customer.name}} ({{customer.city}})"): error[unknown_name]: '{{customer.city}}': no 'customer' in the data
            Tests/DocFillTests/Fixtures/variables.docx:word/document.xml:2:1584 (paragraph 3, "Split tag: {{customer.name}} end."): error[unknown_name]: '{{customer.name}}': no 'customer' in the data
            Tests/DocFillTests/Fixtures/variables.docx:word/document.xml:2:1985 (paragraph 4, "Raw: {{{raw}}} and {{&raw}}"): error[unknown_name]: '{{{raw}}}': no 'raw' in the data
            Tests/DocFillTests/Fixtures/variables.docx:word/document.xml:2:1999 (paragraph 4, "Raw: {{{raw}}} and {{&raw}}"): error[unknown_name]: '{{&raw}}': no 'raw' in the data
            Tests/DocFillTests/Fixtures/variables.docx:word/document.xml:2:2324 (paragraph 5, "Note: {{ note | upper }}"): error[unknown_name]: '{{ note | upper }}': no 'note' in the data
            Tests/DocFillTests/Fixtures/variables.docx:word/document.xml:2:2564 (paragraph 6, "Lines: {{lines}}"): error[unknown_name]: '{{lines}}': no 'lines' in the data
            Tests/DocFillTests/Fixtures/variables.docx:word/document.xml:2:2882 (paragraph 7, "Status: {{#vip}}VIP{{/vip}}{{^vip}}regular{{/vip}}"): error[unknown_name]: '{{#vip}}': no 'vip' in the data
            Tests/DocFillTests/Fixtures/variables.docx:word/document.xml:2:2901 (paragraph 7, "Status: {{#vip}}VIP{{/vip}}{{^vip}}regular{{/vip}}"): error[unknown_name]: '{{^vip}}': no 'vip' in the data

            """)
        #expect(!FileManager.default.fileExists(atPath: out))
        let lenient = try Self.docfill(["render", "Tests/DocFillTests/Fixtures/variables.docx", data.path, "-o", out, "--lenient"])
        #expect(lenient.status == 0)
        #expect(FileManager.default.fileExists(atPath: out))
    }

    @Test(arguments: [("traversal.docx", "unsafe_entry_name"), ("bomb-declared.docx", "zip_bomb"),
                      ("bomb-lying.docx", "zip_bomb"), ("not-a-zip.docx", "not_a_zip"),
                      ("doctype-entities.docx", "xml_doctype")])
    func hostileTemplateGivesOneLineAndNoFile(_ file: String, _ code: String) throws {
        let out = TestPaths.scratch(file).appendingPathComponent("out.docx").path
        let r = try Self.docfill(["render", HostileInputTests.folder.appendingPathComponent(file).path,
                                  TestPaths.fixture("row-loop.json"), "-o", out])
        #expect(r.status == 1)
        #expect(r.stderr.split(separator: "\n").count == 1)
        #expect(r.stderr.contains("error[\(code)]"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test func textTemplateFollowsTheSpec() throws {
        let dir = TestPaths.scratch()
        let template = dir.appendingPathComponent("letter.txt")
        try Data("Dear {{name}},\n{{#items}}\n- {{.}}\n{{/items}}\n{{{raw}}} {{raw}}\n".utf8).write(to: template)
        let out = dir.appendingPathComponent("letter-out.txt").path
        let r = try Self.docfill(["render", template.path, "-", "-o", out],
                                 stdin: #"{"name": "Đức", "items": ["a", "b"], "raw": "<b>&</b>"}"#)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try String(contentsOfFile: out, encoding: .utf8) == "Dear Đức,\n- a\n- b\n<b>&</b> &lt;b&gt;&amp;&lt;/b&gt;\n")
    }

    @Test func refusesToOverwriteTheTemplate() throws {
        let dir = TestPaths.scratch()
        let copy = dir.appendingPathComponent("t.docx").path
        try FileManager.default.copyItem(atPath: TestPaths.fixture("row-loop.docx"), toPath: copy)
        let before = try Data(contentsOf: URL(fileURLWithPath: copy))
        let r = try Self.docfill(["render", copy, TestPaths.fixture("row-loop.json"), "-o", dir.path + "/./t.docx"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("error[output_is_template]"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: copy)) == before)
    }
}
