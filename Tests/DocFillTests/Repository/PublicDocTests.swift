import Foundation
import Testing

/// Every public declaration of the two libraries carries a `///` comment (house rule; the DocC
/// catalogs build from them). Checked by reading the sources, line by line:
///
/// - a declaration is a line whose leading attributes and modifiers include `public` or
///   `open` (`@discardableResult public func`, `public private(set) var`, `nonisolated public
///   init`); `public import` and `public extension` declare nothing to document;
/// - a `case` line directly in the body of a public enum, and a requirement directly in the
///   body of a public protocol, count too, since they are public without the keyword;
/// - the line right above, after any attribute-only lines, must start with `///`.
///
/// Lines in block comments and multi-line string literals are skipped, and braces are counted
/// outside string literals and comments, so the body depth is the one the compiler sees.
struct PublicDocTests {
    static let roots = ["Sources/DocFill", "Sources/OfficialReport", "Sources/DocFillServer"]

    static let modifiers = #"(?:public|open|private\(set\)|fileprivate\(set\)|internal\(set\)|static|class|final|override|mutating|nonmutating|nonisolated|convenience|required|indirect|lazy|dynamic|weak|unowned)"#
    static let attribute = #"@\w+(?:\([^)]*\))?"#
    static let declaration = try! NSRegularExpression(
        pattern: #"^\s*(?:(?:"# + attribute + "|" + modifiers + #")\s+)*(?:public|open)\s+(?!import\b|extension\b)"#)
    static let attributeOnly = try! NSRegularExpression(pattern: #"^\s*(?:"# + attribute + #"\s*)+$"#)
    static let publicType = try! NSRegularExpression(
        pattern: #"^\s*(?:(?:"# + attribute + "|" + modifiers + #")\s+)*public\s+(?:(?:indirect|final)\s+)*(enum|protocol)\s"#)
    static let enumCase = try! NSRegularExpression(pattern: #"^\s*(?:indirect\s+)?case\s"#)
    static let requirement = try! NSRegularExpression(
        pattern: #"^\s*(?:(?:static|mutating|nonmutating|"# + attribute + #")\s+)*(?:var|func|init|subscript|associatedtype)\b"#)

    static func matches(_ pattern: NSRegularExpression, _ line: String) -> Bool {
        pattern.firstMatch(in: line, range: NSRange(line.startIndex..., in: line)) != nil
    }

    /// The line's code without string literals and its `//` comment, for counting braces.
    static func code(_ line: String) -> String {
        var s = line.replacingOccurrences(of: #""(?:[^"\\]|\\.)*""#, with: "\"\"", options: .regularExpression)
        if let comment = s.range(of: "//") { s = String(s[..<comment.lowerBound]) }
        return s
    }

    /// `file:line: text` of each public declaration without a doc comment, and how many were checked.
    static func undocumented(in text: String, file: String) -> (missing: [String], checked: Int) {
        let lines = text.components(separatedBy: "\n")
        var missing: [String] = [], checked = 0
        var depth = 0
        // Body depth of each open public enum or protocol, and which it is.
        var scopes: [(depth: Int, kind: String)] = []
        var inBlockComment = false, inMultilineString = false
        for (index, line) in lines.enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if inBlockComment { if trimmed.contains("*/") { inBlockComment = false }; continue }
            if inMultilineString { if trimmed.hasPrefix("\"\"\"") { inMultilineString = false }; continue }
            if trimmed.hasPrefix("/*"), !trimmed.contains("*/") { inBlockComment = true; continue }
            if trimmed.hasPrefix("//") { continue }

            let scope = scopes.last.flatMap { $0.depth == depth ? $0.kind : nil }
            let needsDoc = matches(declaration, line)
                || (scope == "enum" && matches(enumCase, line))
                || (scope == "protocol" && matches(requirement, line))
            if needsDoc {
                checked += 1
                var above = index - 1
                while above >= 0, matches(attributeOnly, lines[above]) { above -= 1 }
                if above < 0 || !lines[above].trimmingCharacters(in: .whitespaces).hasPrefix("///") {
                    missing.append("\(file):\(index + 1): \(trimmed.prefix(100))")
                }
            }

            let code = code(line)
            if code.components(separatedBy: "\"\"\"").count % 2 == 0 { inMultilineString = true }
            let opens = code.filter { $0 == "{" }.count, closes = code.filter { $0 == "}" }.count
            if let type = publicType.firstMatch(in: line, range: NSRange(line.startIndex..., in: line)),
               let kind = Range(type.range(at: 1), in: line), opens > closes {
                scopes.append((depth + 1, String(line[kind])))
            }
            depth += opens - closes
            while let last = scopes.last, last.depth > depth { scopes.removeLast() }
        }
        return (missing, checked)
    }

    @Test func everyPublicDeclarationIsDocumented() throws {
        var missing: [String] = [], checked = 0
        for root in Self.roots {
            let folder = TestPaths.repo.appendingPathComponent(root)
            let walker = try #require(FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil))
            for case let url as URL in walker where url.pathExtension == "swift" {
                let relative = String(url.path.dropFirst(TestPaths.repo.path.count + 1))
                let result = Self.undocumented(in: try String(contentsOf: url, encoding: .utf8), file: relative)
                missing += result.missing
                checked += result.checked
            }
        }
        // Guards the scan itself: the libraries have hundreds of public declarations.
        #expect(checked > 500, "only \(checked) public declarations found; is the scan reading the sources?")
        #expect(missing.isEmpty, "public declarations without a /// comment:\n\(missing.sorted().joined(separator: "\n"))")
    }

    /// The scanner's own rules, on a made-up source.
    @Test func theScanSeesModifiersCasesAndRequirements() {
        let source = """
        /// Documented.
        public struct A {
            /// Documented.
            @discardableResult
            public func a() -> Int { 1 }
            public private(set) var b = 0
            func internalOnly() {}
        }
        public enum E {
            case one
            /// Documented.
            case two
            var x: Int { switch self { case .one: 1
                case .two: 2 } }
        }
        /// Documented.
        public protocol P {
            var name: String { get }
        }
        public extension A {}
        """
        let result = Self.undocumented(in: source, file: "x.swift")
        #expect(result.missing.map { $0.components(separatedBy: ":")[1] } == ["6", "9", "10", "18"])
        #expect(result.checked == 8)
    }
}
