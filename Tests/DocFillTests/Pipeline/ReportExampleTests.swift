import Foundation
import Testing

/// The README's library example (Sources/ReportExample/main.swift) is the README's code, and
/// the documents it renders through the library alone are byte for byte those `docfill
/// render` writes from the same data.
struct ReportExampleTests {
    static let program = "Sources/ReportExample/main.swift"
    static let binary = URL(fileURLWithPath: CLITests.binary).deletingLastPathComponent()
        .appendingPathComponent("ReportExample").path

    /// The Swift block after the README's `<!-- Sources/ReportExample/main.swift -->` line.
    static func readmeBlock() throws -> String? {
        let readme = try String(contentsOf: TestPaths.repo.appendingPathComponent("README.md"), encoding: .utf8)
        guard let marker = readme.range(of: "<!-- \(program) -->\n```swift\n"),
              let end = readme.range(of: "\n```\n", range: marker.upperBound..<readme.endIndex) else { return nil }
        return String(readme[marker.upperBound..<end.lowerBound]) + "\n"
    }

    @Test func theReadmeSnippetIsTheProgram() throws {
        let source = try String(contentsOf: TestPaths.repo.appendingPathComponent(Self.program), encoding: .utf8)
        #expect(try Self.readmeBlock() == source)
        #expect(source.split(separator: "\n").count <= 35)
    }

    @Test func rendersAsTheCLIDoes() throws {
        let dir = TestPaths.scratch()
        let template = "Templates/bao-cao-dang-uy.docx"
        let run = try ChildProcess.run(Self.binary, [template, "Samples/pho-hoa-2024.yaml", dir.path], directory: TestPaths.repo.path)
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        for (ours, data) in [("from-code.docx", "Samples/party-from-code.yaml"), ("from-yaml.docx", "Samples/pho-hoa-2024.yaml")] {
            let cli = dir.appendingPathComponent("cli-" + ours).path
            let r = try CLITests.docfill(["render", template, data, "-o", cli])
            #expect(r.status == 0, "\(r.stderr)")
            let expected = try Data(contentsOf: URL(fileURLWithPath: cli))
            #expect(try Data(contentsOf: dir.appendingPathComponent(ours)) == expected, "\(ours) differs from docfill render \(data)")
        }
    }
}
