import Foundation
import Testing
@testable import DocFill

/// Every input libFuzzer found a crash or hang with (Tests/DocFillTests/FuzzRegressions/<target>/)
/// is replayed through the fuzz target's own code, built as an ordinary executable that replays
/// the files it is given. Each runs as a child process with a time limit, so a regression to a
/// hang fails the test instead of stopping the suite.
struct FuzzRegressionTests {
    static let folder = TestPaths.repo.appendingPathComponent("Tests/DocFillTests/FuzzRegressions")
    static let binaries = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()

    struct Case: CustomTestStringConvertible, Sendable {
        let target: String, file: String
        var testDescription: String { "\(target)/\(file)" }
    }

    static let cases: [Case] = ["FuzzTemplate", "FuzzArchive", "FuzzData"].flatMap { target in
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent(target).path)) ?? []
        return files.filter { !$0.hasPrefix(".") && $0 != "README.md" }.sorted().map { Case(target: target, file: $0) }
    }

    @Test(arguments: cases)
    func replaysWithoutCrashOrHang(_ c: Case) throws {
        let input = Self.folder.appendingPathComponent(c.target).appendingPathComponent(c.file).path
        let r = try ChildProcess.run(Self.binaries.appendingPathComponent(c.target).path, [input], timeLimit: 10)
        #expect(!r.timedOut, "\(c.file) still hangs")
        #expect(r.status == 0, "\(c.file): status \(r.status)\n\(r.stderr)")
        #expect(r.stdout.contains("replayed 1 input(s)"))
    }

    @Test func thereAreRegressions() { #expect(!Self.cases.isEmpty) }

    /// Found by FuzzTemplate: a NUL byte inside a quoted YAML scalar made the nesting pre-scan
    /// loop forever (it took NUL for the end of the scalar's text but not of the input).
    @Test(arguments: ["\"\u{0}", "'\u{0}", "a: \"B\u{0}", "a:\n  e\": \"B\u{0}{\n", "[\u{0}", "a: |\n \u{0}"])
    func yamlWithNULIsRefusedQuickly(_ yaml: String) throws {
        let dir = TestPaths.scratch()
        let data = dir.appendingPathComponent("data.yaml"), template = dir.appendingPathComponent("t.txt")
        try Data(yaml.utf8).write(to: data)
        try Data("{{a}}".utf8).write(to: template)
        let out = dir.appendingPathComponent("out.txt").path
        let r = try ChildProcess.run(CLITests.binary, ["render", template.path, data.path, "-o", out], timeLimit: 10)
        #expect(!r.timedOut)
        #expect(r.status == 1)
        #expect(r.stderr.contains("error[data_syntax]"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out))
    }
}
