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
        ("deep-nesting.docx", "xml_limit"), ("huge-text-node.docx", "xml_limit"),
        // Issue 16: sections nested thousands deep in one paragraph (the renderer and the tag
        // outline recurse once per level), 200,000 attributes or namespace declarations on one
        // element (quadratic inside libxml2).
        ("sections-10000.docx", "section_too_deep"), ("sections-5000.docx", "section_too_deep"),
        ("attributes-200000.docx", "xml_limit"), ("namespaces-200000.docx", "xml_limit"),
        // Memory: a part over 16 MiB, a part of more than 200,000 elements.
        ("part-17mib.docx", "xml_limit"), ("elements-250000.docx", "xml_limit"),
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

/// The same hostile inputs, and hostile data, through the `docfill` binary as a user runs it:
/// each is handled within the bounds (CPU time and peak memory of the child process), with one
/// line per error and a stable code, exit status 1 and no output file; thousands of broken tags
/// give 100 lines and a final `too_many_errors` line.
///
/// Bounds: ≤ 2 s of CPU time and ≤ 256 MiB peak resident memory, measured with wait4 on the
/// child (the tests run a debug build, in parallel, on a shared machine, so wall time is only
/// checked loosely, ≤ 10 s or 4 × the CPU bound, to catch hangs). Under a sanitizer (scripts/asan.sh sets
/// DOCFILL_SANITIZER) the bounds are not checked: shadow memory alone takes hundreds of MiB.
struct HostileCLITests {
    static let maxCPUSeconds = 2.0
    static let maxWallSeconds = 10.0
    static let maxMiB = 256.0
    static let checksBounds = ProcessInfo.processInfo.environment["DOCFILL_SANITIZER"] == nil

    static func expectBounds(_ r: ChildProcess.Result, cpu: Double = maxCPUSeconds) {
        guard checksBounds else { return }
        #expect(r.cpuSeconds <= cpu, "\(r.cpuSeconds) s of CPU")
        #expect(r.seconds <= max(maxWallSeconds, 4 * cpu), "\(r.seconds) s")
        #expect(r.peakMiB <= maxMiB, "\(r.peakMiB) MiB")
    }

    struct Case: CustomTestStringConvertible, Sendable {
        var template: String            // a file made by make-hostile.py, or "fixture:NAME"
        var data: String                // the same
        var code: String
        var extra: [String] = []
        var capped = false              // many diagnostics: 100 + the too_many_errors line
        var cpuBound = HostileCLITests.maxCPUSeconds
        var testDescription: String { "\(template) + \(data)\(extra.isEmpty ? "" : " " + extra.joined(separator: " ")) → \(code)" }
    }

    static func path(_ name: String) -> String {
        name.hasPrefix("fixture:") ? TestPaths.fixture(String(name.dropFirst(8)))
                                   : HostileInputTests.folder.appendingPathComponent(name).path
    }

    static let cases: [Case] =
        HostileInputTests.expected.map { Case(template: $0.0, data: "fixture:row-loop.json", code: $0.1) } + [
            Case(template: "fixture:row-loop.docx", data: "data-invalid-utf8.json", code: "invalid_utf8"),
            Case(template: "fixture:row-loop.docx", data: "data-invalid-utf8.yaml", code: "invalid_utf8"),
            Case(template: "fixture:row-loop.docx", data: "data-deep.json", code: "data_too_deep"),
            Case(template: "fixture:row-loop.docx", data: "data-deep.yaml", code: "data_too_deep"),
            // A million rows (4 million values) is refused by the value limit (default 1,000,000).
            Case(template: "fixture:row-loop.docx", data: "data-million-rows.json", code: "data_too_large"),
            // The YAML pre-scan that counts the values refuses it after a third of the file: 0.35 s
            // of CPU in a release build, but about 4 s in the debug build the tests run.
            Case(template: "fixture:row-loop.docx", data: "data-million-rows.yaml", code: "data_too_large", cpuBound: 8),
            // The data limits can be changed by option.
            Case(template: "fixture:row-loop.docx", data: "fixture:row-loop.json", code: "data_too_deep",
                 extra: ["--max-data-depth", "2"]),
            Case(template: "fixture:row-loop.docx", data: "fixture:row-loop.json", code: "data_too_large",
                 extra: ["--max-data-values", "10"]),
            Case(template: "fixture:row-loop.docx", data: "data-17mib.json", code: "data_too_large"),
            Case(template: "sections-10000.txt", data: "data-a-true.json", code: "section_too_deep"),
            Case(template: "sections-5000.txt", data: "data-a-true.json", code: "section_too_deep"),
            Case(template: "unclosed-5000.txt", data: "fixture:row-loop.json", code: "unclosed_tag", capped: true),
            Case(template: "unclosed-one-line.txt", data: "fixture:row-loop.json", code: "unclosed_tag", capped: true),
            Case(template: "unclosed-5000.docx", data: "fixture:row-loop.json", code: "unclosed_tag", capped: true),
            Case(template: "unclosed-one-paragraph.docx", data: "fixture:row-loop.json", code: "unclosed_tag", capped: true),
        ]

    @Test(arguments: cases)
    func refusedWithinBounds(_ c: Case) throws {
        let template = Self.path(c.template)
        let ext = (template as NSString).pathExtension
        let out = TestPaths.scratch(c.template).appendingPathComponent("out.\(ext)").path
        let r = try ChildProcess.run(CLITests.binary, ["render", template, Self.path(c.data), "-o", out] + c.extra,
                                     timeLimit: 60)
        #expect(r.status == 1, "status \(r.status): \(r.stderr.prefix(500))")
        let lines = r.stderr.split(separator: "\n")
        if c.capped {
            #expect(lines.count == DocFillError.diagnosticLimit + 1)
            #expect(lines.dropLast().allSatisfy { $0.contains("error[\(c.code)]") }, "\(r.stderr.prefix(500))")
            #expect(lines.last?.contains("error[too_many_errors]: … and ") == true, "\(lines.last ?? "")")
        } else {
            #expect(lines.count == 1, "\(r.stderr.prefix(1000))")
            #expect(r.stderr.contains("error[\(c.code)]"), "\(r.stderr.prefix(500))")
        }
        #expect(!FileManager.default.fileExists(atPath: out))
        Self.expectBounds(r, cpu: c.cpuBound)
    }

    /// The CLI's archive limits default to the library's (64 MiB an entry, 128 MiB in all),
    /// which keep what they admit within the memory bound.
    @Test func cliArchiveLimitsAreTheLibraryDefaults() throws {
        let out = TestPaths.scratch().appendingPathComponent("out.docx").path
        let r = try ChildProcess.run(CLITests.binary, ["render", Self.path("declared-100mib.docx"), Self.path("data-a-true.json"), "-o", out])
        #expect(r.status == 1)
        #expect(r.stderr.contains("error[zip_bomb]: entry 'word/media/big.bin' declares 104857600 bytes (limit 67108864)"), "\(r.stderr)")
    }

    /// `check` and `inspect` walk the same tags as `render`: deep nesting is refused there too.
    @Test(arguments: ["sections-10000.docx", "sections-5000.docx", "sections-10000.txt"])
    func deepSectionsAreRefusedByCheckAndInspect(_ template: String) throws {
        for arguments in [["check", Self.path(template), Self.path("data-a-true.json")], ["inspect", Self.path(template)]] {
            let r = try ChildProcess.run(CLITests.binary, arguments, timeLimit: 60)
            let report = r.stdout + r.stderr   // check reports on stdout, inspect on stderr
            #expect(r.status == 1, "\(arguments[0]): status \(r.status): \(report.prefix(500))")
            #expect(report.split(separator: "\n").count == 1, "\(report.prefix(1000))")
            #expect(report.contains("error[section_too_deep]: '{{#a}}' nests sections deeper than 100 levels"), "\(report.prefix(500))")
            Self.expectBounds(r)
        }
    }

    /// Control characters in data are legal JSON but not legal XML: the render succeeds and
    /// drops them (U+FFFE and U+FFFF too), and the output is schema-valid.
    @Test(arguments: ["row-loop.docx", "row-loop.odt"])
    func controlCharactersAreDroppedFromAValidOutput(_ template: String) throws {
        let ext = (template as NSString).pathExtension
        let out = TestPaths.scratch(template).appendingPathComponent("out.\(ext)").path
        let r = try ChildProcess.run(CLITests.binary, ["render", TestPaths.fixture(template),
                                                       Self.path("data-control-chars.json"), "-o", out])
        #expect(r.status == 0, "\(r.stderr)")
        Self.expectBounds(r)
        let text = try DocumentText.extract(out)
        #expect(text.contains("Apple 0") && text.contains("Apple 2"), "\(text)")
        let bad = text.unicodeScalars.filter {
            ($0.value < 0x20 && $0 != "\n" && $0 != "\t") || $0.value == 0xFFFE || $0.value == 0xFFFF
        }
        #expect(bad.isEmpty, "\(bad.map { String($0.value, radix: 16) })")
        let before = try SchemaValidation.errors(of: TestPaths.fixture(template))
        let after = try SchemaValidation.errors(of: out)
        #expect(after.subtracting(before).isEmpty, "new schema errors: \(after.subtracting(before))")
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
