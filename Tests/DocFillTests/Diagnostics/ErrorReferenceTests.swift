import Foundation
import Testing

/// docs/errors.md must list every code the sources emit.
struct ErrorReferenceTests {
    @Test func everyEmittedCodeIsDocumented() throws {
        let docs = try String(contentsOf: TestPaths.repo.appendingPathComponent("docs/errors.md"), encoding: .utf8)
        let pattern = try NSRegularExpression(pattern: #"(?:DocFillError\(|Diagnostic\(|code: |code = |failure = \()"([a-z]+_[a-z_]+)""#)
        var codes: Set<String> = []
        let sources = TestPaths.repo.appendingPathComponent("Sources")
        let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)!
        for case let url as URL in files where url.pathExtension == "swift" {
            let text = try String(contentsOf: url, encoding: .utf8)
            for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                codes.insert(String(text[Range(match.range(at: 1), in: text)!]))
            }
        }
        #expect(codes.count > 40)
        let missing = codes.filter { !docs.contains("`\($0)`") }.sorted()
        #expect(missing.isEmpty, "undocumented codes: \(missing)")
    }
}
