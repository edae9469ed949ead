import DocFill
import Foundation
import Hummingbird
import Mustache

/// The pages, rendered on the server from the Mustache templates in `Resources/pages` with the
/// words of the page's language (`Resources/text`). Every page gets `t` (the words), `lang`,
/// `csrf` (for its forms) and `otherLang` (the language switch) besides its own values.
struct PageRenderer: Sendable {
    let library: MustacheLibrary
    let texts: PageTexts

    init() throws {
        var library = MustacheLibrary()
        for file in Resources.files(in: "pages") where file.hasSuffix(".mustache") {
            try library.register(try Resources.text("pages/" + file), named: String(file.dropLast(".mustache".count)))
        }
        self.library = library
        texts = try PageTexts()
    }

    /// The page `name` as an HTML response.
    func page(_ name: String, _ values: [String: Any], request: Request, context: ServerContext,
              status: HTTPResponse.Status = .ok) -> Response {
        let language = Language.of(request)
        var all = values
        all["t"] = texts[language]
        all["lang"] = language.rawValue
        all["csrf"] = context.csrf
        all["otherLang"] = language == .vi ? "en" : "vi"
        all["otherLangName"] = language == .vi ? "English" : "Tiếng Việt"
        all["back"] = request.uri.path
        let html = library.render(all, withTemplate: name) ?? "missing page template \(name)"
        return Response(status: status, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
                        body: .init(byteBuffer: ByteBuffer(string: html.precomposedStringWithCanonicalMapping)))
    }

    /// The error page: the status, and each diagnostic as the CLI prints it.
    func errorPage(_ error: ServerError, request: Request, context: ServerContext) -> Response {
        let language = Language.of(request)
        let messages = error.diagnostics.map { d -> [String: Any] in
            ["code": d.code, "message": Messages.text(d, language), "place": d.location.description]
        }
        return page("error", ["status": Int(error.status.code), "diagnostics": messages], request: request,
                    context: context, status: error.status)
    }
}

/// Diagnostic messages in the page's language (`DiagnosticMessages`, the library's
/// translations); the code is always shown beside it.
enum Messages {
    static func text(_ d: Diagnostic, _ language: MessageLanguage) -> String {
        DiagnosticMessages.message(for: d, in: language)
    }
}
