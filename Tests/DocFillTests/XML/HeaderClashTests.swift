import CLibXML2
import Foundation
import Testing

/// Foundation and libxml2 in one module: Debian's libxml2 pulls ICU headers that clash with
/// Foundation's own on clean builds unless the shim drops LIBXML_ICU_ENABLED. This file
/// existing and compiling is the regression check; the test proves the library is usable.
struct HeaderClashTests {
    @Test func libxml2AndFoundationTogether() {
        xmlInitParser()
        let doc = xmlReadMemory("<a>é</a>", 9, nil, "UTF-8", 0)
        #expect(doc != nil)
        xmlFreeDoc(doc)
        #expect(!Date().description.isEmpty)
    }
}
