import Foundation
import Testing
@testable import DocFill

/// A template names its data model in the custom document property `docfill.model`; the CLI
/// uses it when `--model` is not given.
struct DeclaredModelTests {
    static func template(_ name: String) -> String { TestPaths.repo.appendingPathComponent("Templates/\(name)").path }
    static let seed = "Samples/pho-hoa-2023.yaml"

    /// A flat ODT declaring `model` (line 4 holds the property), with one tag.
    static func flatTemplate(model: String) throws -> String {
        let path = TestPaths.scratch().appendingPathComponent("declared.fodt").path
        try """
        <?xml version="1.0" encoding="UTF-8"?>
        <office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
          <office:meta>
            <meta:user-defined meta:name="docfill.model">\(model)</meta:user-defined>
          </office:meta>
          <office:body><office:text><text:p>{{subject}}</text:p></office:text></office:body>
        </office:document>
        """.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test(arguments: [("bao-cao-dang-uy.docx", "docProps/custom.xml"), ("bao-cao-ubnd.docx", "docProps/custom.xml"),
                      ("bao-cao-dang-uy.odt", "meta.xml"), ("bao-cao-ubnd.odt", "meta.xml")])
    func reportTemplatesDeclareTheirModel(name: String, part: String) throws {
        let declared = try #require(try DocumentTemplate(contentsOf: Self.template(name)).declaredModel)
        // The model, and the kind of report the template is written for (kind_mismatch otherwise).
        #expect(declared.value == "official-report:" + (name.hasPrefix("bao-cao-ubnd") ? "state" : "party"))
        #expect(declared.location.part == part)
    }

    @Test func templatesWithoutThePropertyDeclareNone() throws {
        #expect(try DocumentTemplate(contentsOf: TestPaths.fixture("row-loop.docx")).declaredModel == nil)
        #expect(try DocumentTemplate(contentsOf: TestPaths.fixture("row-loop.odt")).declaredModel == nil)
        #expect(try DocumentTemplate(contentsOf: TestPaths.fixture("row-loop.fodt")).declaredModel == nil)
    }

    @Test func flatDocumentsDeclareInTheirMeta() throws {
        let declared = try #require(try DocumentTemplate(contentsOf: try Self.flatTemplate(model: " official-report ")).declaredModel)
        #expect(declared.value == "official-report")
        #expect((declared.location.part, declared.location.line) == ("", 4))
    }

    @Test(arguments: ["bao-cao-dang-uy.docx", "bao-cao-ubnd.odt"])
    func reportTemplatesRenderWithoutModelOption(name: String) throws {
        let data = name.hasPrefix("bao-cao-ubnd") ? "Samples/ubnd-pho-hoa-2025.yaml" : Self.seed
        let out = TestPaths.scratch().appendingPathComponent("out." + (name as NSString).pathExtension).path
        let r = try CLITests.docfill(["render", Self.template(name), data, "-o", out])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(!r.stderr.contains("error"), "\(r.stderr)")
        let explicit = out + "-explicit." + (name as NSString).pathExtension
        #expect(try CLITests.docfill(["render", Self.template(name), data, "--model", "official-report", "-o", explicit]).status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: out)) == Data(contentsOf: URL(fileURLWithPath: explicit)))
        let check = try CLITests.docfill(["check", Self.template(name), data])
        #expect(check.status == 0, "\(check.stdout)")
    }

    @Test func batchUsesTheDeclaredModel() throws {
        let dir = TestPaths.scratch()
        let records = dir.appendingPathComponent("records.json").path
        let seed = try DataLoader.load(contentsOf: TestPaths.repo.appendingPathComponent(Self.seed).path)
        try Data(Value.array([seed]).jsonBytes()).write(to: URL(fileURLWithPath: records))
        let r = try CLITests.docfill(["batch", Self.template("bao-cao-dang-uy.docx"), records, "-o", dir.appendingPathComponent("out").path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.hasSuffix("rendered 1 of 1\n"), "\(r.stderr)")
    }

    /// `--model none` turns the declared model off; the names the model's view computes are
    /// then missing, and the last line says where they come from.
    @Test func modelNoneRendersTheRawDataAndHintsAtTheModel() throws {
        let out = TestPaths.scratch().appendingPathComponent("out.docx").path
        let r = try CLITests.docfill(["render", Self.template("bao-cao-dang-uy.docx"), Self.seed, "--model", "none", "-o", out])
        #expect(r.status == 1)
        let lines = r.stderr.split(separator: "\n").map(String.init)
        #expect(lines.dropLast().allSatisfy { $0.contains("error[unknown_name]") }, "\(r.stderr)")
        #expect(lines.last == "hint: these names come from the 'official-report' model; add --model official-report")
        #expect(!FileManager.default.fileExists(atPath: out))

        let check = try CLITests.docfill(["check", Self.template("bao-cao-dang-uy.docx"), Self.seed, "--model", "none"])
        #expect(check.status == 1)
        #expect(check.stdout.hasSuffix("\nhint: these names come from the 'official-report' model; add --model official-report\n"))
    }

    /// No hint when the model would not supply the missing names.
    @Test func noHintForNamesNoModelHas() throws {
        let r = try CLITests.docfill(["render", "Tests/DocFillTests/Fixtures/variables.docx", Self.seed, "-o",
                                      TestPaths.scratch().appendingPathComponent("out.docx").path])
        #expect(r.status == 1)
        #expect(r.stderr.contains("error[unknown_name]") && !r.stderr.contains("hint:"), "\(r.stderr)")
    }

    @Test func anUnknownDeclaredModelIsAnError() throws {
        let template = try Self.flatTemplate(model: "invoice")
        let out = TestPaths.scratch().appendingPathComponent("out.fodt").path
        let r = try CLITests.docfill(["render", template, Self.seed, "-o", out])
        #expect(r.status == 1)
        #expect(r.stderr == """
            \(template):4:5: error[unknown_model]: the template's property 'docfill.model' names the model 'invoice', \
            which docfill does not know (known: official-report); give --model NAME, or --model none to render without a model

            """)
        #expect(!FileManager.default.fileExists(atPath: out))
        // --model overrides the property.
        let explicit = try CLITests.docfill(["render", template, Self.seed, "--model", "official-report", "-o", out])
        #expect(explicit.status == 0, "\(explicit.stderr)")
        let none = try CLITests.docfill(["render", template, Self.seed, "--model", "none", "-o", out])
        #expect(none.status == 0, "\(none.stderr)")
    }

    @Test func inspectShowsTheDeclaredModel() throws {
        let r = try CLITests.docfill(["inspect", Self.template("bao-cao-ubnd.docx")])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("model: official-report:state (declared in docProps/custom.xml)\nword/document.xml\n"))
        let odt = try CLITests.docfill(["inspect", Self.template("bao-cao-ubnd.odt")])
        #expect(odt.stdout.hasPrefix("model: official-report:state (declared in meta.xml)\n"))

        let json = try CLITests.docfill(["inspect", "--json", Self.template("bao-cao-ubnd.docx")])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let model = try #require(object["model"] as? [String: Any])
        #expect(model["name"] as? String == "official-report:state")
        #expect(model["part"] as? String == "docProps/custom.xml")
        #expect((object["parts"] as? [Any])?.isEmpty == false)

        let none = try CLITests.docfill(["inspect", "--json", TestPaths.fixture("row-loop.docx")])
        let plain = try #require(try JSONSerialization.jsonObject(with: Data(none.stdout.utf8)) as? [String: Any])
        #expect(plain["model"] is NSNull)
    }

    @Test func schemaOfATemplateThatDeclaresAModelIsTheModels() throws {
        let declared = try CLITests.docfill(["schema", Self.template("bao-cao-dang-uy.docx")])
        let model = try CLITests.docfill(["schema", "--model", "official-report"])
        #expect(declared.status == 0 && declared.stdout == model.stdout, "\(declared.stderr)")
        let own = try CLITests.docfill(["schema", Self.template("bao-cao-dang-uy.docx"), "--model", "none"])
        #expect(own.status == 0 && own.stdout != model.stdout && own.stdout.contains("\"number_line\""), "\(own.stderr)")
        #expect(try CLITests.docfill(["schema", "--model", "none"]).status != 0)
    }
}
