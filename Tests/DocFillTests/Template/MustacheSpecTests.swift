import Foundation
import Testing
@testable import DocFill

/// The official Mustache spec, run as data: every case of every core module, none skipped.
struct MustacheSpecTests {
    struct SpecCase: CustomTestStringConvertible, Sendable {
        let module: String
        let name: String
        let template: String
        let data: Value
        let partials: [String: String]
        let expected: String
        var testDescription: String { "\(module): \(name)" }
    }

    static let coreModules = ["comments", "delimiters", "interpolation", "inverted", "partials", "sections"]

    static func load() -> [SpecCase] {
        var cases: [SpecCase] = []
        for module in coreModules {
            let url = TestPaths.resources.appendingPathComponent("mustache-spec/\(module).json")
            guard let data = try? Data(contentsOf: url),
                  let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
                  let tests = root["tests"] as? [[String: Any]] else { continue }
            for test in tests {
                cases.append(SpecCase(module: module, name: test["name"] as? String ?? "?",
                                      template: test["template"] as? String ?? "",
                                      data: jsonValue(test["data"] ?? NSNull()),
                                      partials: test["partials"] as? [String: String] ?? [:],
                                      expected: test["expected"] as? String ?? ""))
            }
        }
        return cases
    }

    @Test func allCoreModulesAreLoaded() {
        let cases = Self.load()
        // Each module file must be found and non-empty: a missing spec is a failure, not a skip.
        for module in Self.coreModules {
            #expect(cases.contains { $0.module == module }, "spec module \(module) not loaded")
        }
        #expect(cases.count > 100)
    }

    @Test(arguments: load())
    func specCase(_ c: SpecCase) throws {
        let template = try TextTemplate(c.template, partials: c.partials)
        let output = try template.render(c.data, options: RenderOptions(strict: false))
        #expect(output == c.expected)
    }
}
