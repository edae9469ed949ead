import Foundation
import Testing
@testable import DocFill

/// Rendered parts compared with committed goldens after normalising the XML (one element
/// per line, attributes sorted). `DOCFILL_RECORD_GOLDENS=1 swift test` re-records them.
struct GoldenTests {
    static let folder = TestPaths.repo.appendingPathComponent("Tests/DocFillTests/Goldens")
    static let recording = ProcessInfo.processInfo.environment["DOCFILL_RECORD_GOLDENS"] == "1"

    @Test(arguments: FixtureRenderTests.cases)
    func partsMatchGoldens(_ c: FixtureRenderTests.Case) throws {
        let out = try FixtureRenderTests.render(c)
        let template = try DocumentTemplate(contentsOf: TestPaths.fixture(c.template), options: FixtureRenderTests.options(for: c.name))
        let raw = [UInt8](try Data(contentsOf: URL(fileURLWithPath: out)))
        let reader = template.format == .fodt ? nil : try ZipReader(TemplateBytes(raw), file: out, limits: ArchiveLimits())
        #expect(!template.plans.isEmpty)
        for part in template.plans.keys.sorted() {
            let bytes = try reader.map { try $0.read($0.entry(named: part)!) } ?? raw
            let xml = try XMLParser.parse(bytes, file: out, part: part)
            let normalised = Self.normalise(xml.root)
            let golden = Self.folder.appendingPathComponent(c.template).appendingPathComponent(part.isEmpty ? "document.fodt" : part.replacingOccurrences(of: "/", with: "_"))
            if Self.recording {
                try FileManager.default.createDirectory(at: golden.deletingLastPathComponent(), withIntermediateDirectories: true)
                try normalised.write(to: golden, atomically: true, encoding: .utf8)
                continue
            }
            let expected = try? String(contentsOf: golden, encoding: .utf8)
            #expect(expected != nil, "no golden \(golden.path); record with DOCFILL_RECORD_GOLDENS=1")
            if let expected, expected != normalised {
                let a = expected.split(separator: "\n", omittingEmptySubsequences: false)
                let b = normalised.split(separator: "\n", omittingEmptySubsequences: false)
                let i = (0..<min(a.count, b.count)).first { a[$0] != b[$0] } ?? min(a.count, b.count)
                Issue.record("\(c.template) \(part) differs from its golden at line \(i + 1):\n- \(i < a.count ? a[i] : "")\n+ \(i < b.count ? b[i] : "")")
            }
        }
    }

    static func normalise(_ root: XMLElement) -> String {
        var out = ""
        func write(_ e: XMLElement, _ indent: String) {
            var line = indent + "<" + e.qualifiedName
            for ns in e.namespaceDeclarations.sorted(by: { ($0.prefix ?? "") < ($1.prefix ?? "") }) {
                line += " xmlns\(ns.prefix.map { ":\($0)" } ?? "")=\"\(ns.uri)\""
            }
            for a in e.attributes.sorted(by: { $0.qualifiedName < $1.qualifiedName }) {
                line += " \(a.qualifiedName)=\"\(a.value)\""
            }
            let texts = e.children.compactMap { $0 as? XMLText }
            let elements = e.children.compactMap { $0 as? XMLElement }
            if elements.isEmpty {
                let text = texts.map { String(decoding: $0.bytes, as: UTF8.self) }.joined()
                out += line + (text.isEmpty ? "/>\n" : ">\(text.debugDescription)</\(e.qualifiedName)>\n")
                return
            }
            out += line + ">\n"
            for child in e.children {
                if let el = child as? XMLElement { write(el, indent + "  ") }
                else if let t = child as? XMLText, !t.bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
                    out += indent + "  " + String(decoding: t.bytes, as: UTF8.self).debugDescription + "\n"
                }
            }
            out += indent + "</\(e.qualifiedName)>\n"
        }
        write(root, "")
        return out
    }
}
