import Foundation
import Testing

/// The folders of Sources/DocFill depend one way (docs/architecture.md): a folder's files
/// name no type declared in a folder of the same or a higher rank. Checked by reading the
/// sources: the top-level types each folder declares, and the capitalised words of each file
/// outside comments and string literals. Crossings that remain are listed by file below; a
/// crossing fixed must leave the list, and a new one fails the test.
struct ArchitectureTests {
    /// Lowest first. Folders of one rank know nothing of each other.
    static let ranks: [String: Int] = [
        "Support": 0, "Diagnostics": 0, "RichText": 0, "Data": 1, "XML": 2, "Archive": 2, "Formats": 3, "Plan": 4,
        "Template": 5, "Render": 5, "Document": 6, "Print": 7, "Batch": 8, "Diff": 8, "Pipeline": 9, "Workspace": 10,
    ]

    /// Crossings not yet undone, by file: the names it uses from a folder it may not use.
    static let knownCrossings: [String: Set<String>] = [
        "Archive/ZipWriter.swift": ["OutputTarget"],
        "Data/DataLoader.swift": ["InputKind"],
        "Diagnostics/DocFillError.swift": ["TagSite"],
        "Diagnostics/Excerpt.swift": ["TemplateTag"],
        "Formats/FormatPackage.swift": ["ImageFile"],
        "Formats/NoteCopies.swift": ["UniqueIDs"],
        "Formats/PackageParts.swift": ["InputKind"],
        "Formats/UniqueIDProfile.swift": ["UniqueIDs"],
        "Formats/UnrenderedTags.swift": ["Delimiters", "Lexer"],
        "Render/ImageSink.swift": ["ImageLength"],
        "Render/TextSpaces.swift": ["TagPlaceholder"],
        "Template/CompileOptions.swift": ["FilterSet"],
        "Template/DataCheck.swift": ["DocumentTemplate", "RenderOptions", "TagInfo"],
        "Template/PartCompiler.swift": ["FilterSet", "TextSpaces"],
        "Template/SchemaInference.swift": ["ImageSize"],
        "Template/TagOutline.swift": ["DocumentTemplate", "FilterSet", "TagInfo"],
        "Template/TagOutlineFormat.swift": ["TagInfo"],
        "Template/TextFile.swift": ["FilterSet", "OutputTarget", "RenderOptions"],
        "Template/TextTemplate.swift": ["ContextStack", "FilterSet", "PlanRenderer", "RenderOptions", "SectionExpansion", "ValueEvaluator"],
    ]

    static let root = TestPaths.repo.appendingPathComponent("Sources/DocFill")

    static func files() throws -> [(folder: String, name: String, text: String)] {
        let fm = FileManager.default
        return try fm.contentsOfDirectory(atPath: root.path).sorted().flatMap { folder -> [(String, String, String)] in
            var isFolder: ObjCBool = false
            guard fm.fileExists(atPath: root.appendingPathComponent(folder).path, isDirectory: &isFolder), isFolder.boolValue else { return [] }
            return try fm.contentsOfDirectory(atPath: root.appendingPathComponent(folder).path).sorted()
                .filter { $0.hasSuffix(".swift") }
                .map { (folder, $0, try String(contentsOf: root.appendingPathComponent("\(folder)/\($0)"), encoding: .utf8)) }
        }
    }

    /// The file's code without comments and string literals.
    static func code(_ text: String) -> String {
        var s = text.replacingOccurrences(of: #"//[^\n]*"#, with: "", options: .regularExpression)
        s = s.replacingOccurrences(of: #""(?:[^"\\\n]|\\.)*""#, with: "\"\"", options: .regularExpression)
        return s
    }

    static func matches(_ pattern: String, in text: String, group: Int) -> [String] {
        let regex = try! NSRegularExpression(pattern: pattern, options: [.anchorsMatchLines])
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).map {
            String(text[Range($0.range(at: group), in: text)!])
        }
    }

    static func crossings() throws -> [String: Set<String>] {
        let files = try files()
        var declaredIn: [String: String] = [:]
        for file in files {
            for name in matches(#"^(?:(?:public|package|final|indirect) )*(?:struct|enum|class|protocol|typealias|actor) ([A-Z]\w*)"#,
                                in: file.text, group: 1) {
                declaredIn[name] = file.folder
            }
        }
        var found: [String: Set<String>] = [:]
        for file in files {
            let rank = try #require(ranks[file.folder], "Sources/DocFill/\(file.folder) has no rank in docs/architecture.md")
            for word in Set(matches(#"\b([A-Z]\w*)\b"#, in: code(file.text), group: 1)) {
                guard let folder = declaredIn[word], folder != file.folder, let other = ranks[folder], other >= rank else { continue }
                found["\(file.folder)/\(file.name)", default: []].insert(word)
            }
        }
        return found
    }

    @Test func foldersDependOneWay() throws {
        let found = try Self.crossings()
        for (file, names) in found.sorted(by: { $0.key < $1.key }) {
            let new = names.subtracting(Self.knownCrossings[file] ?? [])
            #expect(new.isEmpty, "\(file) uses \(new.sorted()) from a folder of its rank or above")
        }
        for (file, names) in Self.knownCrossings.sorted(by: { $0.key < $1.key }) {
            let gone = names.subtracting(found[file] ?? [])
            #expect(gone.isEmpty, "\(file) no longer uses \(gone.sorted()): take it off knownCrossings")
        }
    }

    /// The two lowest code folders, the only ones calling C, know nothing above them.
    @Test func xmlAndArchiveStandAlone() throws {
        let found = try Self.crossings().filter { $0.key.hasPrefix("XML/") || $0.key.hasPrefix("Archive/") }
        #expect(found.keys.sorted() == ["Archive/ZipWriter.swift"])   // OutputTarget: see knownCrossings
    }
}
