import DocFill
import Foundation
import Hummingbird

/// The pages' languages: Vietnamese by default (the users are Vietnamese office staff),
/// English when the browser prefers it or the user switches (a cookie).
enum Language: String, Sendable, CaseIterable {
    case vi
    case en

    /// The switch's cookie first, then Accept-Language: English only when the browser ranks
    /// it above Vietnamese; everything else reads Vietnamese.
    static func of(_ request: Request) -> Language {
        if let chosen = request.cookies[CookieName.language].flatMap({ Language(rawValue: $0.value) }) { return chosen }
        return of(acceptLanguage: request.headers[.acceptLanguage])
    }

    static func of(acceptLanguage: String?) -> Language {
        var best: (Language, Double)?
        for item in (acceptLanguage ?? "").split(separator: ",") {
            let pieces = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            let tag = pieces.first?.split(separator: "-").first.map(String.init) ?? ""
            let q = pieces.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            guard let language = Language(rawValue: tag), q > 0 else { continue }
            if best == nil || q > best!.1 { best = (language, q) }
        }
        return best?.0 ?? .vi
    }
}

/// The pages' words in each language, from `Resources/text/<language>.json` (one flat object
/// of keys to texts, so a translator edits one file). Every key of the Vietnamese file must be
/// in the English one and the reverse; a test holds them to that.
struct PageTexts: Sendable {
    let texts: [Language: [String: String]]

    init() throws {
        var texts: [Language: [String: String]] = [:]
        for language in Language.allCases {
            let file = "text/\(language.rawValue).json"
            guard case .object(let object) = try DataLoader.loadJSON(try Resources.bytes(file), file: file) else {
                throw DocFillError("io_error", "\(file) must hold one JSON object")
            }
            texts[language] = object.compactMapValues { if case .string(let s) = $0 { return s } else { return nil } }
        }
        self.texts = texts
    }

    /// The texts of `language`, for a page's `t` object.
    subscript(_ language: Language) -> [String: String] { texts[language] ?? [:] }
}
