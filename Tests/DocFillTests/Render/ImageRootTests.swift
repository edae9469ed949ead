import Foundation
import Testing
@testable import DocFill

/// Picture files are read only from the data file's folder and the folders given as image
/// roots: data must not read (or probe) the rest of the file system (issue 16, item 7).
struct ImageRootTests {
    /// A data folder holding a picture and a symlink that leads out of it, and a folder
    /// beside it holding a "secret" picture.
    static func layout() throws -> (data: URL, outside: URL) {
        let dir = TestPaths.scratch("image-roots")
        let data = dir.appendingPathComponent("data"), outside = dir.appendingPathComponent("outside")
        let fm = FileManager.default
        try fm.createDirectory(at: data, withIntermediateDirectories: true)
        try fm.createDirectory(at: outside, withIntermediateDirectories: true)
        let red = TestPaths.fixtures.appendingPathComponent("images/red.png")
        try fm.copyItem(at: red, to: data.appendingPathComponent("inside.png"))
        try fm.copyItem(at: red, to: outside.appendingPathComponent("secret.png"))
        try fm.createSymbolicLink(atPath: data.appendingPathComponent("link.png").path,
                                  withDestinationPath: outside.appendingPathComponent("secret.png").path)
        try fm.createSymbolicLink(atPath: data.appendingPathComponent("out").path, withDestinationPath: outside.path)
        return (data, outside)
    }

    static func problems(_ logo: String, base: URL, roots: [String] = [], strict: Bool = true) throws -> [Diagnostic] {
        let data = try ImageTests.data(["logo": .string(logo), "header_logo": .string("inside.png")])
        guard case .object(var object) = data else { return [] }
        object["people"] = .array([])
        let template = try DocumentTemplate(contentsOf: TestPaths.fixture("images.docx"))
        let out = TestPaths.scratch("image-roots-out").appendingPathComponent("out.docx").path
        do {
            try template.render(.object(object), to: out,
                                options: RenderOptions(strict: strict, baseDirectory: base.path, imageRoots: roots))
            return []
        } catch let error as DocFillError {
            return error.diagnostics
        }
    }

    static func message(_ source: String) -> String {
        "'{{logo}}': image '\(source)' is outside the folders pictures may be read from (the data file's folder and --image-root)"
    }

    @Test func picturesOutsideTheDataFolderAreRefusedAlike() throws {
        let (data, outside) = try Self.layout()
        #expect(try Self.problems("inside.png", base: data).isEmpty)
        let secret = outside.appendingPathComponent("secret.png").path
        // Existing or not, a file, a folder, through `..`, absolute, or through a symlink:
        // one message, which tells nothing about what is there.
        for source in ["../outside/secret.png", "../outside/none.png", secret, "/etc/shadow", "/no/such/file.png",
                       "link.png", "out/secret.png", "/"] {
            for strict in [true, false] {
                let found = try Self.problems(source, base: data, strict: strict)
                #expect(found.map(\.code) == ["image_outside_root"], "\(source): \(found)")
                #expect(found.first?.message == Self.message(source), "\(found)")
            }
        }
        // Inside the folder, a missing file is still reported as missing.
        #expect(try Self.problems("none.png", base: data).map(\.code) == ["image_missing"])
    }

    @Test func anImageRootWidensTheAllowedFolders() throws {
        let (data, outside) = try Self.layout()
        for source in ["../outside/secret.png", outside.appendingPathComponent("secret.png").path, "link.png", "out/secret.png"] {
            #expect(try Self.problems(source, base: data, roots: [outside.path]).isEmpty, "\(source)")
        }
        #expect(try Self.problems("/etc/hostname", base: data, roots: [outside.path]).map(\.code) == ["image_outside_root"])
    }

    @Test func cliTakesImageRootOnRenderAndBatch() throws {
        let (data, outside) = try Self.layout()
        let json = data.appendingPathComponent("data.json")
        let records = data.appendingPathComponent("records.json")
        let record = #"{"org": "o", "title": "t", "logo": "../outside/secret.png", "header_logo": "inside.png", "people": []}"#
        try Data(record.utf8).write(to: json)
        try Data("[\(record)]".utf8).write(to: records)
        let out = TestPaths.scratch("image-roots-cli").appendingPathComponent("out.docx").path
        let refused = try CLITests.docfill(["render", TestPaths.fixture("images.docx"), json.path, "-o", out])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("error[image_outside_root]: \(Self.message("../outside/secret.png"))"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out))
        let allowed = try CLITests.docfill(["render", TestPaths.fixture("images.docx"), json.path, "-o", out, "--image-root", outside.path])
        #expect(allowed.status == 0, "\(allowed.stderr)")
        let folder = TestPaths.scratch("image-roots-batch").path
        let batchRefused = try CLITests.docfill(["batch", TestPaths.fixture("images.docx"), records.path, "-o", folder])
        #expect(batchRefused.status == 1 && batchRefused.stderr.contains("image_outside_root"), "\(batchRefused.stderr)")
        let batch = try CLITests.docfill(["batch", TestPaths.fixture("images.docx"), records.path, "-o", folder,
                                          "--image-root", outside.path])
        #expect(batch.status == 0, "\(batch.stderr)")
    }
}
