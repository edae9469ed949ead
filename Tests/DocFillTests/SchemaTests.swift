import Foundation
import Testing
@testable import DocFill

/// `docfill schema`: the JSON Schema inferred from a template, and the report model's schema.
struct SchemaTests {
    static let scalar = #"{"type":["boolean","null","number","string"]}"#

    static func compact(_ value: Value) -> String { String(decoding: value.jsonBytes(), as: UTF8.self) }

    @Test func rowLoopSchemaIsExact() throws {
        let template = try DocumentTemplate(contentsOf: TestPaths.fixture("row-loop.docx"))
        let s = Self.scalar
        let item = #""properties":{"name":\#(s),"price":\#(s),"qty":\#(s)},"required":["name","price","qty"]"#
        #expect(Self.compact(SchemaInference.schema(of: TagOutline(template))) == """
            {"$schema":"https://json-schema.org/draft/2020-12/schema","properties":{"items":{"items":{\(item),"type":"object"},\
            \(item),"type":["array","boolean","null","object"]},"total_qty":\(s)},"required":["items","total_qty"],"type":"object"}
            """)
        // The CLI prints the same schema, indented.
        let r = try CLITests.docfill(["schema", TestPaths.fixture("row-loop.docx")])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == String(decoding: SchemaInference.schema(of: TagOutline(template)).jsonBytes(pretty: true), as: UTF8.self) + "\n")
    }

    /// Names go where Mustache finds them: an outer level that reads the name owns it; `.`
    /// makes scalar items; inverted sections make their names optional; `@index` is no data.
    @Test func namesAreAttributedUpTheContextStack() throws {
        let source = """
            {{title}}
            {{#parts}}{{title}} {{name}} {{@index}}{{#tags}}{{.}}{{/tags}}{{#owner}}{{name}}{{/owner}}{{/parts}}
            {{^empty}}{{note}}{{/empty}}
            {{customer.name}} {{customer.city | upper}}
            {{#vip}}VIP{{/vip}}{{#customer}}{{phone}}{{/customer}}

            """
        let schema = SchemaInference.schema(of: TagOutline(try TextTemplate.tags(in: source)))
        let s = Self.scalar
        let tags = #"{"items":\#(s),"type":["array","boolean","null","number","string"]}"#
        let part = #""properties":{"name":\#(s),"owner":{},"tags":\#(tags)},"required":["name","owner","tags"]"#
        #expect(Self.compact(schema) == """
            {"$schema":"https://json-schema.org/draft/2020-12/schema","properties":{\
            "customer":{"properties":{"city":{},"name":\(s),"phone":\(s)},"required":["city","name","phone"],"type":"object"},\
            "empty":{},"note":\(s),\
            "parts":{"items":{\(part),"type":"object"},\(part),"type":["array","boolean","null","object"]},\
            "title":\(s),"vip":{}},"required":["customer","empty","parts","title","vip"],"type":"object"}
            """)
    }

    /// A picture tag takes a path or data: URI, {src, width_mm, height_mm}, or null/false.
    @Test func pictureTagsTakeAPathOrAnObjectWithASize() throws {
        let r = try CLITests.docfill(["schema", TestPaths.fixture("images.docx")])
        #expect(r.status == 0, "\(r.stderr)")
        let schema = try DataLoader.loadJSON(Array(r.stdout.utf8), file: "schema")
        let size = #"{"exclusiveMinimum":0,"maximum":10000,"type":"number"}"#
        let picture = #"{"properties":{"height_mm":\#(size),"src":{"type":["null","string"]},"width_mm":\#(size)},"type":["boolean","null","object","string"]}"#
        let s = Self.scalar
        let person = #""properties":{"name":\#(s),"photo":\#(picture)},"required":["name","photo"]"#
        #expect(Self.compact(schema) == """
            {"$schema":"https://json-schema.org/draft/2020-12/schema","properties":{"header_logo":\(picture),"logo":\(picture),\
            "org":\(s),"people":{"items":{\(person),"type":"object"},\(person),"type":["array","boolean","null","object"]},\
            "title":\(s)},"required":["header_logo","logo","org","people","title"],"type":"object"}
            """)
        let data = try String(contentsOfFile: TestPaths.fixture("images.json"), encoding: .utf8)
        #expect(try JSONSchemaValidator.validate(data: Data(data.utf8), schema: Data(r.stdout.utf8)).status == 0)
        let sized = data.replacingOccurrences(of: #""logo": "images/red.png""#, with: #""logo": {"src": "images/red.png", "width_mm": 35}"#)
            .replacingOccurrences(of: #""photo": "images/blue.png""#, with: #""photo": null"#)
        #expect(sized.contains("width_mm"))
        #expect(try JSONSchemaValidator.validate(data: Data(sized.utf8), schema: Data(r.stdout.utf8)).status == 0)
        let bad = sized.replacingOccurrences(of: "35", with: "-35").replacingOccurrences(of: #""photo": "images/green.png""#, with: #""photo": 3"#)
        let invalid = try JSONSchemaValidator.validate(data: Data(bad.utf8), schema: Data(r.stdout.utf8))
        #expect(invalid.status == 3)
        #expect(invalid.output == """
            logo/width_mm: -35 is less than or equal to the minimum of 0
            people/0/photo: 3 is not of type 'boolean', 'null', 'object', 'string'

            """, "\(invalid.output)")
    }

    @Test func inferredSchemaValidatesTheFixtureDataAndRejectsAMissingName() throws {
        let r = try CLITests.docfill(["schema", TestPaths.fixture("paragraph-loop.odt")])
        #expect(r.status == 0, "\(r.stderr)")
        let data = try Data(contentsOf: URL(fileURLWithPath: TestPaths.fixture("paragraph-loop.json")))
        let valid = try JSONSchemaValidator.validate(data: data, schema: Data(r.stdout.utf8))
        #expect(valid.status == 0, "\(valid.output)")
        let broken = Data(String(decoding: data, as: UTF8.self).replacingOccurrences(of: #""heading": "Scope","#, with: "").utf8)
        let invalid = try JSONSchemaValidator.validate(data: broken, schema: Data(r.stdout.utf8))
        #expect(invalid.status == 3, "\(invalid.output)")
        #expect(invalid.output.contains("'heading' is a required property"), "\(invalid.output)")
    }

    @Test func reportModelSchemaValidatesTheSeedAndRejectsAMissingRequiredName() throws {
        let r = try CLITests.docfill(["schema", "--model", "official-report"])
        #expect(r.status == 0, "\(r.stderr)")
        let schema = Data(r.stdout.utf8)
        let seed = try DataLoader.load(contentsOf: TestPaths.repo.appendingPathComponent("Samples/pho-hoa-2023.yaml").path)
        let valid = try JSONSchemaValidator.validate(data: Data(seed.jsonBytes()), schema: schema)
        #expect(valid.status == 0, "python3 jsonschema must be installed (scripts/setup.sh --tests): \(valid.output)")

        guard case .object(var object) = seed else { Issue.record("the seed is not an object"); return }
        object["signature"] = nil
        let invalid = try JSONSchemaValidator.validate(data: Data(Value.object(object).jsonBytes()), schema: schema)
        #expect(invalid.status == 3, "\(invalid.output)")
        #expect(invalid.output.contains("'signature' is a required property"), "\(invalid.output)")

        // A misspelt key is refused: the model would drop it silently.
        object = [:]
        if case .object(let o) = seed { object = o }
        object["subjet"] = .string("typo")
        let typo = try JSONSchemaValidator.validate(data: Data(Value.object(object).jsonBytes()), schema: schema)
        #expect(typo.status == 3, "\(typo.output)")
        #expect(typo.output.contains("subjet"), "\(typo.output)")
    }

    @Test func schemaIsTheSameOnEveryRun() throws {
        let a = try CLITests.docfill(["schema", "--model", "official-report"])
        let b = try CLITests.docfill(["schema", "--model", "official-report"])
        #expect(a.stdout == b.stdout && !a.stdout.isEmpty)
    }

    @Test func schemaNeedsATemplateOrAModel() throws {
        let r = try CLITests.docfill(["schema"])
        #expect(r.status != 0)
        #expect(r.stderr.hasPrefix("Error: give a TEMPLATE or --model MODEL\n"), "\(r.stderr)")
        let off = try CLITests.docfill(["schema", "--model", "none"])
        #expect(off.status != 0)
        #expect(off.stderr.hasPrefix("Error: give a TEMPLATE or --model MODEL\n"), "\(off.stderr)")
        // A template with --model: the model overrides what the template declares.
        let both = try CLITests.docfill(["schema", TestPaths.fixture("row-loop.docx"), "--model", "official-report"])
        let model = try CLITests.docfill(["schema", "--model", "official-report"])
        #expect(both.status == 0, "\(both.stderr)")
        #expect(both.stdout == model.stdout)
    }
}
