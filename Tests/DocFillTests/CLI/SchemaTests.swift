import Foundation
import Testing
@testable import DocFill

/// `docfill schema`: the JSON Schema inferred from a template, and the report model's schema.
struct SchemaTests {
    static let scalar = #"{"additionalProperties":false,"properties":{"md":{"type":"string"}},"required":["md"],"type":["boolean","null","number","object","string"]}"#

    static func compact(_ value: Value) -> String { String(decoding: value.jsonBytes(), as: UTF8.self) }

    @Test func rowLoopSchemaIsExact() throws {
        let template = try DocumentTemplate(contentsOf: TestPaths.fixture("row-loop.docx"))
        let s = Self.scalar
        let item = #""properties":{"name":\#(s),"price":\#(s),"qty":\#(s)},"required":["name","price","qty"]"#
        // The item is written once, in $defs, and referenced by the list form and the object form.
        #expect(Self.compact(SchemaInference.schema(of: TagOutline(template))) == """
            {"$defs":{"items":{\(item)}},"$schema":"https://json-schema.org/draft/2020-12/schema","properties":{"items":\
            {"$ref":"#/$defs/items","items":{"$ref":"#/$defs/items","type":"object"},"type":["array","boolean","null","object"]},\
            "total_qty":\(s)},"required":["items","total_qty"],"type":"object"}
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
        // Any kind: a section reading `.` goes over a list, a scalar or a rich value's object.
        let tags = #"{"items":\#(s)}"#
        let part = #""properties":{"name":\#(s),"owner":{},"tags":\#(tags)},"required":["name","owner","tags"]"#
        #expect(Self.compact(schema) == """
            {"$defs":{"customer":{"properties":{"phone":\(s)},"required":["phone"]},"parts":{\(part)}},\
            "$schema":"https://json-schema.org/draft/2020-12/schema","properties":{\
            "customer":{"$ref":"#/$defs/customer","properties":{"city":{},"name":\(s)},"required":["city","name"],"type":"object"},\
            "empty":{},"note":\(s),\
            "parts":{"$ref":"#/$defs/parts","items":{"$ref":"#/$defs/parts","type":"object"},"type":["array","boolean","null","object"]},\
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
            {"$defs":{"people":{\(person)}},"$schema":"https://json-schema.org/draft/2020-12/schema","properties":\
            {"header_logo":\(picture),"logo":\(picture),\
            "org":\(s),"people":{"$ref":"#/$defs/people","items":{"$ref":"#/$defs/people","type":"object"},"type":["array","boolean","null","object"]},\
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

    /// Nested sections: each level's item is written once (it was written twice per level,
    /// under `items` and `properties`, so 22 levels took millions of copies). The schema of
    /// 60 levels is small and quick, and the two-level one validates what renders.
    @Test(arguments: [22, 60])
    func nestedSectionsGiveASchemaThatGrowsLinearly(_ levels: Int) throws {
        let names = (0..<levels).map { "s\($0)" }
        let source = names.map { "{{#\($0)}}{{v}}" }.joined() + names.reversed().map { "{{/\($0)}}" }.joined()
        let clock = ContinuousClock()
        let start = clock.now
        let schema = SchemaInference.schema(of: TagOutline(try TextTemplate.tags(in: source)))
        let bytes = schema.jsonBytes()
        #expect(clock.now - start < .seconds(2))
        #expect(bytes.count < 1_000 * levels, "\(bytes.count) bytes")
    }

    @Test func twoNestedLevelsValidateTheirData() throws {
        let source = "{{#rows}}{{label}}{{#cells}}{{value}}{{/cells}}{{/rows}}"
        let schema = SchemaInference.schema(of: TagOutline(try TextTemplate.tags(in: source)))
        let s = Self.scalar
        #expect(Self.compact(schema) == """
            {"$defs":{"rows":{"properties":{"cells":{"$ref":"#/$defs/rows.cells","items":{"$ref":"#/$defs/rows.cells","type":"object"},\
            "type":["array","boolean","null","object"]},"label":\(s)},"required":["cells","label"]},\
            "rows.cells":{"properties":{"value":\(s)},"required":["value"]}},\
            "$schema":"https://json-schema.org/draft/2020-12/schema","properties":{"rows":{"$ref":"#/$defs/rows",\
            "items":{"$ref":"#/$defs/rows","type":"object"},"type":["array","boolean","null","object"]}},"required":["rows"],"type":"object"}
            """)
        let json = Data(schema.jsonBytes())
        let good = #"{"rows": [{"label": "a", "cells": [{"value": 1}, {"value": "x"}]}, {"label": "b", "cells": {"value": 2}}]}"#
        #expect(try JSONSchemaValidator.validate(data: Data(good.utf8), schema: json).status == 0)
        let bad = #"{"rows": [{"label": "a", "cells": [{"value": 1}, {"valeu": 2}]}]}"#
        let invalid = try JSONSchemaValidator.validate(data: Data(bad.utf8), schema: json)
        #expect(invalid.status == 3)
        #expect(invalid.output.contains("'value' is a required property"), "\(invalid.output)")
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
