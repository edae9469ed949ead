import Foundation
import Testing
@testable import DocFill

/// Text a reader sees outside the document body (issue 15, item 5): document properties,
/// custom XML data, ODF input fields and `text:meta`, SmartArt text. Values only; a tag in a
/// part DocFill leaves alone is an error.
struct PropertyPartTests {
    static let data: Value = .object(["first_name": "Văn", "last_name": "An", "company": "UBND & Co", "ref": "R-7",
                                      "name": "Lan", "city": "Huế", "lines": "one\ntwo"].mapValues { .string($0) })

    static func render(_ template: String, delimiters: Delimiters = .mustache, name: String = #function) throws -> String {
        let ext = (template as NSString).pathExtension
        let out = TestPaths.scratch(name).appendingPathComponent("out.\(ext)").path
        try DocumentTemplate(contentsOf: template, options: CompileOptions(delimiters: delimiters)).render(data, to: out)
        return out
    }

    /// The messages of the error compiling `template` throws.
    static func errors(_ template: String) -> [String] {
        do { _ = try DocumentTemplate(contentsOf: template); return [] } catch let error as DocFillError {
            return error.diagnostics.map(\.description)
        } catch { return ["\(error)"] }
    }

    static let customProperties = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" \
        xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">\
        <property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="Reference"><vt:lpwstr>{{ref}}</vt:lpwstr></property>\
        <property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="3" name="docfill.model"><vt:lpwstr>official-report</vt:lpwstr></property>\
        </Properties>
        """

    static var simpleBody: (String?) -> String { TestPackage.text(TestPackage.wordDocument("<w:p><w:r><w:t>Hello {{name}}</w:t></w:r></w:p>")) }

    /// variables.docx with tags in its core, extended and custom properties.
    static func docxWithProperties(name: String = #function) throws -> String {
        try TestPackage.make(from: "variables.docx", [
            "word/document.xml": simpleBody,
            "docProps/core.xml": { $0!.replacingOccurrences(of: "<dc:title>DocFill fixture: variables</dc:title>",
                                                             with: "<dc:title>{{first_name}} {{last_name}}</dc:title>") },
            "docProps/app.xml": TestPackage.insert("<Company>{{company}}</Company>", before: "</Properties>"),
            "docProps/custom.xml": TestPackage.text(customProperties),
            "[Content_Types].xml": TestPackage.override("docProps/custom.xml", "application/vnd.openxmlformats-officedocument.custom-properties+xml"),
            "_rels/.rels": TestPackage.insert(TestPackage.relationship("rIdCustom", "custom-properties", "docProps/custom.xml"),
                                              before: "</Relationships>"),
        ], name: name)
    }

    @Test func docxPropertiesAreRendered() throws {
        let template = try Self.docxWithProperties()
        let out = try Self.render(template, delimiters: .mustache)
        #expect(try ImageTests.text(out, "docProps/core.xml").contains("<dc:title>Văn An</dc:title>"))
        #expect(try ImageTests.text(out, "docProps/app.xml").contains("<Company>UBND &amp; Co</Company>"))
        let custom = try ImageTests.text(out, "docProps/custom.xml")
        #expect(custom.contains("<vt:lpwstr>R-7</vt:lpwstr>") && custom.contains("<vt:lpwstr>official-report</vt:lpwstr>"))
        let added = try SchemaValidation.errors(of: out).subtracting(try SchemaValidation.errors(of: template))
        #expect(added.isEmpty, "\(added)")
    }

    /// With `{ }` delimiters the property set's `fmtid="{…}"` is an attribute, not text: left alone.
    @Test func braceDelimitersLeaveAttributesAlone() throws {
        let template = try TestPackage.make(from: "variables.docx", [
            "docProps/custom.xml": TestPackage.text(Self.customProperties.replacingOccurrences(of: "{{ref}}", with: "{ref}")),
            "[Content_Types].xml": TestPackage.override("docProps/custom.xml", "application/vnd.openxmlformats-officedocument.custom-properties+xml"),
            "word/document.xml": TestPackage.text(TestPackage.wordDocument("<w:p><w:r><w:t>{name}</w:t></w:r></w:p>")),
        ])
        let out = try Self.render(template, delimiters: Delimiters(pair: "{ }")!)
        let custom = try ImageTests.text(out, "docProps/custom.xml")
        #expect(custom.contains("<vt:lpwstr>R-7</vt:lpwstr>") && custom.contains("fmtid=\"{D5CDD505-2E9C-101B-9397-08002B2CF9AE}\""))
    }

    @Test func odfMetaInputFieldsAndMetaTextAreRendered() throws {
        let template = try TestPackage.make(from: "variables.odt", [
            "meta.xml": { $0!.replacingOccurrences(of: "<dc:title>DocFill fixture: variables</dc:title>",
                                                   with: "<dc:title>{{first_name}} {{last_name}}</dc:title><meta:user-defined meta:name=\"Reference\">{{ref}}</meta:user-defined><meta:user-defined meta:name=\"docfill.model\">official-report</meta:user-defined>") },
            "content.xml": TestPackage.odfContent("""
                <text:p>Name: <text:text-input text:description="">{{name}}</text:text-input>, \
                <text:meta xml:id="m1">{{city}}</text:meta>, <text:text-input text:description="">{{lines}}</text:text-input></text:p>
                """),
        ])
        let out = try Self.render(template)
        let meta = try ImageTests.text(out, "meta.xml")
        #expect(meta.contains("<dc:title>Văn An</dc:title>") && meta.contains(">R-7</meta:user-defined>")
                && meta.contains(">official-report</meta:user-defined>"))
        let content = try ImageTests.text(out, "content.xml")
        #expect(content.contains(#"<text:text-input text:description="">Lan</text:text-input>"#))
        #expect(content.contains(#"<text:meta xml:id="m1">Huế</text:meta>"#))
        // An input field holds characters only: the line break stays a character.
        #expect(content.contains(">one\ntwo</text:text-input>"), "\(content)")
        let added = try SchemaValidation.errors(of: out).subtracting(try SchemaValidation.errors(of: template))
        #expect(added.isEmpty, "\(added)")
    }

    /// Flat ODT holds its properties in the one part: rendered there as text only.
    @Test func flatODFPropertiesAreRendered() throws {
        let fodt = try String(contentsOfFile: TestPaths.fixture("variables.fodt"), encoding: .utf8)
        let xml = fodt.replacingOccurrences(of: "<dc:title>DocFill fixture: variables</dc:title>",
                                            with: "<dc:title>{{first_name}} {{last_name}}</dc:title><meta:user-defined meta:name=\"Lines\">{{lines}}</meta:user-defined>")
        let start = xml.range(of: "<office:text>")!.upperBound, end = xml.range(of: "</office:text>")!.lowerBound
        let template = TestPaths.scratch().appendingPathComponent("template.fodt").path
        try (String(xml[..<start]) + "<text:p>{{name}}</text:p>" + String(xml[end...])).write(toFile: template, atomically: true, encoding: .utf8)
        let out = try Self.render(template)
        let text = try String(contentsOfFile: out, encoding: .utf8)
        #expect(text.contains("<dc:title>Văn An</dc:title>"))
        #expect(text.contains(">one\ntwo</meta:user-defined>"), "\(text)")
        let added = try SchemaValidation.errors(of: out).subtracting(try SchemaValidation.errors(of: template))
        #expect(added.isEmpty, "\(added)")
    }

    @Test func smartArtDataAndDrawingAreRendered() throws {
        let a = "http://schemas.openxmlformats.org/drawingml/2006/main"
        let data = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <dgm:dataModel xmlns:dgm="http://schemas.openxmlformats.org/drawingml/2006/diagram" xmlns:a="\(a)"><dgm:ptLst>\
            <dgm:pt modelId="{11111111-1111-1111-1111-111111111111}" type="doc"><dgm:prSet/><dgm:spPr/><dgm:t><a:bodyPr/><a:lstStyle/><a:p><a:endParaRPr lang="en-US"/></a:p></dgm:t></dgm:pt>\
            <dgm:pt modelId="{22222222-2222-2222-2222-222222222222}"><dgm:prSet/><dgm:spPr/><dgm:t><a:bodyPr/><a:lstStyle/>\
            <a:p><a:r><a:rPr lang="en-US"/><a:t>{{first</a:t></a:r><a:r><a:rPr lang="en-US"/><a:t>_name}} and {{city}}</a:t></a:r></a:p></dgm:t></dgm:pt>\
            </dgm:ptLst></dgm:dataModel>
            """
        let drawing = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <dsp:drawing xmlns:dsp="http://schemas.microsoft.com/office/drawing/2008/diagram" xmlns:a="\(a)"><dsp:spTree>\
            <dsp:sp modelId="{33333333-3333-3333-3333-333333333333}"><dsp:txBody><a:bodyPr/><a:p><a:r><a:t>{{first_name}}</a:t></a:r></a:p></dsp:txBody></dsp:sp>\
            </dsp:spTree></dsp:drawing>
            """
        let template = try TestPackage.make(from: "variables.docx", [
            "word/document.xml": Self.simpleBody,
            "word/diagrams/data1.xml": TestPackage.text(data),
            "word/diagrams/drawing1.xml": TestPackage.text(drawing),
            "[Content_Types].xml": { old in
                [TestPackage.override("word/diagrams/data1.xml", "application/vnd.openxmlformats-officedocument.drawingml.diagramData+xml"),
                 TestPackage.override("word/diagrams/drawing1.xml", "application/vnd.ms-office.drawingml.diagramDrawing+xml")].reduce(old!) { $1($0) }
            },
        ])
        let out = try Self.render(template)
        // The tag split over two runs: the value takes the first run, the second keeps its text.
        let texts = TestPackage.matches("<a:t>([^<]*)</a:t>", in: try ImageTests.text(out, "word/diagrams/data1.xml"))
        #expect(texts.joined() == "Văn and Huế", "\(texts)")
        #expect(try ImageTests.text(out, "word/diagrams/drawing1.xml").contains("<a:t>Văn</a:t>"))
    }

    @Test func aSectionInAPropertyIsAnError() throws {
        let template = try TestPackage.make(from: "variables.docx", [
            "docProps/core.xml": { $0!.replacingOccurrences(of: "<dc:title>DocFill fixture: variables</dc:title>",
                                                             with: "<dc:title>{{#first_name}}x{{/first_name}}</dc:title>") },
        ])
        let core = try ImageTests.text(template, "docProps/core.xml")
        let line = core.components(separatedBy: "\n").firstIndex { $0.contains("{{#first_name}}") }! + 1
        let text = core.components(separatedBy: "\n")[line - 1]
        let column = text.distance(from: text.startIndex, to: text.range(of: "{{#first_name}}")!.lowerBound) + 1
        #expect(Self.errors(template) == [
            "\(template):docProps/core.xml:\(line):\(column): error[section_not_allowed]: '{{#first_name}}': document properties hold values only, not sections",
            "\(template):docProps/core.xml:\(line):\(column + 16): error[section_not_allowed]: '{{/first_name}}': document properties hold values only, not sections",
        ])
    }

    /// Each property is a paragraph of its own: a tag is never joined across two properties
    /// (as it is across the paragraphs of a body), so the open one stays `unclosed_tag`.
    @Test func aTagIsNotJoinedAcrossProperties() throws {
        let template = try TestPackage.make(from: "variables.docx", [
            "docProps/core.xml": { $0!.replacingOccurrences(of: "<dc:subject></dc:subject><dc:title>DocFill fixture: variables</dc:title>",
                                                             with: "<dc:subject>{{first_</dc:subject><dc:title>name}} report</dc:title>") },
        ])
        let errors = Self.errors(template)
        #expect(errors.count == 1 && errors[0].contains("docProps/core.xml") && errors[0].contains("error[unclosed_tag]: '{{first_'"),
                "\(errors)")
    }

    /// A tag in a part DocFill does not render (a chart) is an error with its place.
    @Test func aTagInAnUnrenderedPartIsAnError() throws {
        let chart = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">
            <c:chart><c:title><c:tx><c:rich><a:bodyPr/><a:p><a:r><a:t>Total: {{total}}</a:t></a:r></a:p></c:rich></c:tx></c:title></c:chart></c:chartSpace>
            """
        let template = try TestPackage.make(from: "variables.docx", [
            "word/charts/chart1.xml": TestPackage.text(chart),
            "[Content_Types].xml": TestPackage.override("word/charts/chart1.xml", "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"),
        ])
        let line3 = chart.components(separatedBy: "\n")[2]
        let at = line3.distance(from: line3.startIndex, to: line3.range(of: "{{total}}")!.lowerBound) + 1
        #expect(Self.errors(template) == [
            "\(template):word/charts/chart1.xml:3:\(at): error[tag_not_rendered]: '{{total}}' is in a part DocFill does not fill in; tags work in the document text, headers, footers, notes, comments, document properties and SmartArt text",
        ])
    }
}
