import DocFill
import Foundation
import Hummingbird

/// The pages' language: Vietnamese by default (the users are Vietnamese office staff),
/// English when the user switched to it (a cookie) or the browser prefers it
/// (`MessageLanguage.preferred`, the library's rule, which check messages follow too).
enum Language {
    static func of(_ request: Request) -> MessageLanguage {
        if let chosen = request.cookies[CookieName.language].flatMap({ MessageLanguage(rawValue: $0.value) }) { return chosen }
        return MessageLanguage.preferred(acceptLanguage: request.headers[.acceptLanguage])
    }
}

/// The pages' words in each language, from `Resources/text/<language>.json` (one flat object
/// of keys to texts, so a translator edits one file). Every key of the Vietnamese file must be
/// in the English one and the reverse; a test holds them to that.
struct PageTexts: Sendable {
    let texts: [MessageLanguage: [String: String]]

    init() throws {
        var texts: [MessageLanguage: [String: String]] = [:]
        for language in MessageLanguage.allCases {
            let file = "text/\(language.rawValue).json"
            guard case .object(let object) = try DataLoader.loadJSON(try Resources.bytes(file), file: file) else {
                throw DocFillError("io_error", "\(file) must hold one JSON object")
            }
            texts[language] = object.compactMapValues { if case .string(let s) = $0 { return s } else { return nil } }
        }
        self.texts = texts
    }

    /// The texts of `language`, for a page's `t` object.
    subscript(_ language: MessageLanguage) -> [String: String] { texts[language] ?? [:] }
}
