import Foundation
@testable import DocFill

enum TestPaths {
    static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    /// Test material copied into the repository from elsewhere (schemas, the Mustache spec,
    /// the seed report); where each came from is in Tests/Resources/PROVENANCE.md.
    static let resources = repo.appendingPathComponent("Tests/Resources")
    static let fixtures = repo.appendingPathComponent("Tests/DocFillTests/Fixtures")
    static func fixture(_ name: String) -> String { fixtures.appendingPathComponent(name).path }

    /// A fresh empty folder for one test's outputs.
    static func scratch(_ name: String = #function) -> URL {
        let clean = name.filter { $0.isLetter || $0.isNumber }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("docfill-tests/\(clean)-\(UUID().uuidString.prefix(8))")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// Foundation JSON → Value, for spec files (keeps true/false apart from 1/0).
func jsonValue(_ any: Any) -> Value {
    switch any {
    case is NSNull: return .null
    case let n as NSNumber:
        let type = String(cString: n.objCType)
        if type == "c" || type == "B" { return .bool(n.boolValue) }
        if type == "d" || type == "f" { return .double(n.doubleValue) }
        return .int(n.intValue)
    case let s as String: return .string(s)
    case let a as [Any]: return .array(a.map(jsonValue))
    case let o as [String: Any]: return .object(o.mapValues(jsonValue))
    default: return .null
    }
}
