import Foundation
import Testing
@testable import DocFill

/// The real-world corpus (Tests/Resources/corpus/real-world, README.md there): templates made
/// from public Word, WPS, Outlook, LibreOffice and OpenOffice documents. Every case must render
/// with its data and follow every rule of the corpus README; a rule a case breaks today is in
/// `knownFailures` with its reason (the to-do of the engine work of issue 15), and a case that
/// starts passing a rule listed there is reported, so the list only shrinks.
struct RealWorldCorpusTests {
    static let root = TestPaths.resources.appendingPathComponent("corpus/real-world")

    enum Rule: String, Sendable, CaseIterable {
        case renders = "renders with exit 0"
        case expected = "every expected string is in the text"
        case absent = "no absent string is in the text"
        case noTagLeft = "no tag text is left"
        case nothingLost = "no template paragraph is lost outside removed sections"
        case schema = "no schema error the template did not have"
        case xml = "every XML part parses"
        case pdf = "LibreOffice converts it to PDF"
    }

    /// Case → the rules it breaks today, each with the cause (the item of issue 15).
    static let knownFailures: [String: [Rule: String]] = [:]

    struct Meta: Decodable, Sendable {
        var delims: String?
        var expect: [String]?
        var absent: [String]?
        var may_lose: [String]?
    }

    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let template: String
        let data: String
        let meta: Meta
        var testDescription: String { name }
        var isCurly: Bool { meta.delims == "{ }" }
    }

    static let cases: [Case] = {
        let folder = root.appendingPathComponent("cases")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.sorted().map { name in
            let dir = folder.appendingPathComponent(name)
            let files = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
            let template = files.first { $0.hasPrefix("template.") } ?? "template.docx"
            let meta = (try? JSONDecoder().decode(Meta.self, from: Data(contentsOf: dir.appendingPathComponent("meta.json"))))
                ?? Meta()
            return Case(name: name, template: dir.appendingPathComponent(template).path,
                        data: dir.appendingPathComponent("data.json").path, meta: meta)
        }
    }()

    static func load(_ path: String) throws -> Value {
        jsonValue(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))))
    }

    struct Rendered: Sendable {
        var output: String?
        var error: String?
        var pdf: String?         // the conversion's error
    }

    /// Every case rendered once (strict, through the library), and every output converted to
    /// PDF by one LibreOffice run, shared by the cases' tests.
    static let rendered: [String: Rendered] = {
        let dir = TestPaths.scratch("corpus")
        // The picture cases' data name logo.png and red.jpg beside the data, which the corpus
        // does not hold: fixture pictures stand in for them.
        let pictures = dir.appendingPathComponent("pictures")
        try? FileManager.default.createDirectory(at: pictures, withIntermediateDirectories: true)
        for (fixture, name) in [("blue.png", "logo.png"), ("gray.jpg", "red.jpg")] {
            try? FileManager.default.copyItem(atPath: TestPaths.fixture("images/\(fixture)"), toPath: pictures.appendingPathComponent(name).path)
        }
        var results: [String: Rendered] = [:]
        var jobs: [(String, PDFJob)] = []
        for c in cases {
            let ext = (c.template as NSString).pathExtension
            let out = dir.appendingPathComponent("\(c.name).\(ext)").path
            do {
                let options = c.isCurly ? CompileOptions(delimiters: Delimiters(open: "{", close: "}")) : CompileOptions()
                try DocumentTemplate(contentsOf: c.template, options: options).render(try load(c.data), to: out, options: RenderOptions(baseDirectory: pictures.path))
                results[c.name] = Rendered(output: out)
                jobs.append((c.name, PDFJob(input: out, output: dir.appendingPathComponent("\(c.name).pdf").path)))
            } catch {
                results[c.name] = Rendered(error: "\(error)")
            }
        }
        let conversions = (try? PDFConverter()).map { $0.convert(jobs.map(\.1)) }
        for (i, (name, _)) in jobs.enumerated() {
            switch conversions?[i] {
            case .failure(let error)?: results[name]?.pdf = "\(error)"
            case nil: results[name]?.pdf = "soffice is missing"
            default: break
            }
        }
        return results
    }()

    @Test(arguments: cases)
    func followsTheCorpusRules(_ c: Case) throws {
        let known = Self.knownFailures[c.name] ?? [:]
        let result = Self.rendered[c.name] ?? Rendered(error: "not rendered")
        guard let out = result.output else {
            Self.check(.renders, known, [result.error ?? ""])
            return
        }
        Self.check(.renders, known, [])
        let template = try CorpusDocument.lines(c.template)
        let text = try CorpusDocument.lines(out)
        let joined = text.joined(separator: "\n")
        let expected = try c.meta.expect ?? Self.strings(in: Self.load(c.data))
        Self.check(.expected, known, expected.filter { !joined.contains($0) }.map { "missing: \($0)" })
        Self.check(.absent, known, (c.meta.absent ?? []).filter { joined.contains($0) }.map { "present: \($0)" })
        let tags = Self.tags(in: template, curly: c.isCurly)
        Self.check(.noTagLeft, known, text.filter { line in tags.contains { line.contains($0) } }.map { "left: \($0)" })
        let outputLines = Set(text.map { $0.trimmingCharacters(in: .whitespaces) })
        let mayLose = (c.meta.may_lose ?? []) + (c.meta.absent ?? [])
        let lost = template.filter { line in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            return !trimmed.isEmpty && Self.tags(in: [line], curly: c.isCurly).isEmpty && !outputLines.contains(trimmed)
                && !mayLose.contains { trimmed.contains($0.trimmingCharacters(in: .whitespaces)) || $0.contains(trimmed) }
        }
        Self.check(.nothingLost, known, lost.map { "lost: \($0)" })
        let scratch = TestPaths.scratch(c.name)
        Self.check(.schema, known, try CorpusDocument.newSchemaErrors(template: c.template, output: out, scratch: scratch).sorted())
        let unparseable = try CorpusDocument.unparseableParts(c.template)
        Self.check(.xml, known, try CorpusDocument.unparseableParts(out).filter { unparseable[$0.key] == nil }.map(\.value).sorted())
        Self.check(.pdf, known, result.pdf.map { [$0] } ?? [])
    }

    /// Records each problem of a rule; under `withKnownIssue` when the case is known to break it
    /// (then a rule that starts passing is reported as an unexpected pass).
    static func check(_ rule: Rule, _ known: [Rule: String], _ problems: [String],
                      sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        func record() {
            for problem in problems.prefix(10) { Issue.record("\(rule.rawValue): \(problem)", sourceLocation: sourceLocation) }
        }
        if let reason = known[rule] { withKnownIssue(Comment(rawValue: reason)) { record() } } else { record() }
    }

    /// The data's string values, the default `expect` of the corpus README.
    static func strings(in value: Value) -> [String] {
        switch value {
        case .string(let s): return [s]
        case .array(let a): return a.flatMap(strings)
        case .object(let o): return o.keys.sorted().flatMap { strings(in: o[$0]!) }
        default: return []
        }
    }

    /// The tag texts in `lines`: anything between `{{` and `}}` (and stray `{{`, `}}`); for
    /// docxtemplater templates each `{…}` that reads like a tag (`{name}`, `{#x}`, `{/}`).
    static func tags(in lines: [String], curly: Bool) -> Set<String> {
        let pattern = curly ? #"\{[#/^\-]?\s*[\p{L}_][\p{L}\p{N}_.]*(\s+[^{}]*)?\}|\{/\}"# : #"\{\{|\}\}"#
        let regex = try! NSRegularExpression(pattern: pattern)
        var found = Set<String>()
        for line in lines {
            let range = NSRange(line.startIndex..., in: line)
            for m in regex.matches(in: line, range: range) { found.insert((line as NSString).substring(with: m.range)) }
        }
        return found
    }
}
