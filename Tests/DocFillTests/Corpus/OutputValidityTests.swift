import Foundation
import Testing
@testable import DocFill

/// Every rendered fixture passes the official schemas, adding no error its template (made by
/// LibreOffice, which has one known numbering.xml error) did not have; renders are
/// byte-identical, also under another time zone.
struct OutputValidityTests {
    @Test(arguments: FixtureRenderTests.cases)
    func outputAddsNoSchemaError(_ c: FixtureRenderTests.Case) throws {
        let out = try FixtureRenderTests.render(c)
        let before = try SchemaValidation.errors(of: TestPaths.fixture(c.template))
        let after = try SchemaValidation.errors(of: out)
        #expect(after.subtracting(before).isEmpty, "new schema errors: \(after.subtracting(before))")
    }

    @Test(arguments: FixtureRenderTests.cases)
    func renderingIsDeterministic(_ c: FixtureRenderTests.Case) throws {
        let first = try Data(contentsOf: URL(fileURLWithPath: try FixtureRenderTests.render(c)))
        let second = try Data(contentsOf: URL(fileURLWithPath: try FixtureRenderTests.render(c)))
        #expect(first == second)
    }
}
