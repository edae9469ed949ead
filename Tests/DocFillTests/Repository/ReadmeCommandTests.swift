import Foundation
import Testing

/// Every README command block marked runnable works typed literally in a fresh clone.
///
/// The marker is a line `<!-- runnable -->` right before a ```` ```sh ```` block. Such a block
/// runs with `bash -eu` in a scratch folder that stands for the clone's top: `Examples`,
/// `Templates` and `Samples` link to the repository's, and `.build/release/docfill` to the
/// binary under test (the block assumes `swift build -c release` ran, which the test does
/// not: the debug binary the tests use stands in for it). The block must exit 0, and every
/// `-o PATH` in it must exist afterwards (a file, or a non-empty folder for `batch`).
struct ReadmeCommandTests {
    static let marker = "<!-- runnable -->"
    static let readmes = ["README.md", "Examples/README.md"]

    struct Block: CustomStringConvertible {
        var file: String
        var line: Int
        var script: String
        var description: String { "\(file):\(line)" }
    }

    /// The runnable blocks of a Markdown file, with the line of their fence.
    static func blocks(in file: String) throws -> [Block] {
        let lines = try String(contentsOf: TestPaths.repo.appendingPathComponent(file), encoding: .utf8)
            .components(separatedBy: "\n")
        var blocks: [Block] = []
        var i = 0
        while i < lines.count {
            defer { i += 1 }
            guard lines[i].trimmingCharacters(in: .whitespaces) == marker, i + 1 < lines.count,
                  lines[i + 1] == "```sh" else { continue }
            let start = i + 2
            guard let end = lines[start...].firstIndex(of: "```") else { continue }
            blocks.append(Block(file: file, line: i + 2, script: lines[start..<end].joined(separator: "\n")))
            i = end
        }
        return blocks
    }

    /// The `-o`/`--output` paths a block's commands write.
    static func outputs(of script: String) -> [String] {
        let words = script.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\\" }).map(String.init)
        return zip(words, words.dropFirst()).filter { $0.0 == "-o" || $0.0 == "--output" }.map(\.1)
    }

    @Test func quickStartIsMarkedRunnable() throws {
        let text = try String(contentsOf: TestPaths.repo.appendingPathComponent("README.md"), encoding: .utf8)
        let quickStart = try #require(text.range(of: "## Quick start"))
        let next = text.range(of: "\n## ", range: quickStart.upperBound..<text.endIndex)?.lowerBound ?? text.endIndex
        #expect(text[quickStart.upperBound..<next].contains(Self.marker + "\n```sh\n"))
        #expect(try Self.readmes.flatMap(Self.blocks).count >= 2)
    }

    @Test(arguments: try readmes.flatMap(blocks)) func blockRunsAndWritesWhatItSays(block: Block) throws {
        let top = TestPaths.scratch("readme-\(block.line)")
        let fm = FileManager.default
        for folder in ["Examples", "Templates", "Samples"] {
            try fm.createSymbolicLink(at: top.appendingPathComponent(folder), withDestinationURL: TestPaths.repo.appendingPathComponent(folder))
        }
        let release = top.appendingPathComponent(".build/release")
        try fm.createDirectory(at: release, withIntermediateDirectories: true)
        try fm.createSymbolicLink(at: release.appendingPathComponent("docfill"), withDestinationURL: URL(fileURLWithPath: CLITests.binary))

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-eu", "-c", block.script]
        process.currentDirectoryURL = top
        let out = Pipe(), err = Pipe()
        process.standardOutput = out; process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0,
                "\(block): \(String(decoding: o, as: UTF8.self)) \(String(decoding: e, as: UTF8.self))")
        let written = Self.outputs(of: block.script)
        #expect(!written.isEmpty, "\(block) writes nothing with -o")
        for path in written {
            var isFolder: ObjCBool = false
            let url = top.appendingPathComponent(path)
            #expect(fm.fileExists(atPath: url.path, isDirectory: &isFolder), "\(block): no \(path)")
            if isFolder.boolValue { #expect(!(try fm.contentsOfDirectory(atPath: url.path)).isEmpty, "\(block): \(path) is empty") }
        }
    }
}
