import Foundation
import Testing
@testable import DocFill

struct ErrorFixtureTests {
    @Test(arguments: ["errors-three", "error-unclosed-section", "error-mismatch", "error-crosses-table", "error-bad-delimiter", "error-tag-in-tag"])
    func show(_ name: String) throws {
        for ext in ["docx", "odt"] {
            do {
                _ = try DocumentTemplate(contentsOf: TestPaths.fixture("\(name).\(ext)"))
                print("NO ERROR \(name).\(ext)")
            } catch let e as DocFillError {
                print(e.description.replacingOccurrences(of: TestPaths.fixtures.path + "/", with: ""))
            }
        }
    }
}
