import Foundation
import Testing
@testable import DocFill

/// Hostile archives and XML, generated at test time by Hostile/make-hostile.py: each must be
/// refused with its stable code and leave no output file.
struct HostileInputTests {
    static let folder: URL = {
        let dir = TestPaths.scratch("hostile")
        let script = TestPaths.repo.appendingPathComponent("Tests/DocFillTests/Hostile/make-hostile.py").path
        let status = run("/usr/bin/env", ["python3", script, dir.path, TestPaths.fixture("variables.docx")])
        precondition(status == 0, "make-hostile.py failed")
        return dir
    }()

    static let expected: [(String, String)] = [
        ("traversal.docx", "unsafe_entry_name"), ("absolute.docx", "unsafe_entry_name"),
        ("backslash.docx", "unsafe_entry_name"), ("bomb-declared.docx", "zip_bomb"),
        ("bomb-lying.docx", "zip_bomb"), ("not-a-zip.docx", "not_a_zip"), ("empty.docx", "not_a_zip"),
        ("truncated.docx", "not_a_zip"), ("duplicate.docx", "duplicate_entry"),
        ("encrypted.docx", "encrypted_entry"), ("unknown-method.docx", "unsupported_compression"),
        ("missing-main.docx", "missing_part"), ("doctype-entities.docx", "xml_doctype"),
        ("external-entity.docx", "xml_doctype"), ("invalid-utf8.docx", "xml_encoding"),
        ("deep-nesting.docx", "xml_limit"),
    ]

    @Test(arguments: expected)
    func refused(_ file: String, _ code: String) throws {
        let template = Self.folder.appendingPathComponent(file).path
        let out = Self.folder.appendingPathComponent("out-\(file)").path
        let error = #expect(throws: DocFillError.self) {
            try DocumentTemplate(contentsOf: template).render(.object([:]), to: out, options: RenderOptions(strict: false))
        }
        #expect(error?.code == code, "\(error?.description ?? "no error")")
        #expect(error?.diagnostics.count == 1)
        #expect(!FileManager.default.fileExists(atPath: out))
    }
}

@discardableResult
func run(_ executable: String, _ arguments: [String], environment: [String: String]? = nil) -> Int32 {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    if let environment { process.environment = environment }
    do { try process.run() } catch { return -1 }
    process.waitUntilExit()
    return process.terminationStatus
}
