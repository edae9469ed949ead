import DocFill
import Foundation
import Hummingbird

/// Picture fields of the forms (the report's signature and seal, a schema form's picture
/// tags): an upload posted with the form is stored in the workspace (`Workspace.savePicture`,
/// `pictures/` beside the data file, named by its content) and the field set to the path the
/// CLI reads it from; the page shows the current picture as a thumbnail, served by
/// `GET /data/{name}/picture?field=PATH`, read as the render reads it (the data file's
/// folder only). Names are data paths, never file paths.
struct PictureFields: Sendable {
    let state: ServerState

    /// The name of a field's file input: this and the data path (a name starting with `_` is
    /// the form's own, never a data field).
    static let uploadPrefix = "_picture:"
    /// The most pictures one form post may carry.
    static let maxUploads = 4

    func add(to router: Router<ServerContext>) {
        router.get("/data/:name/picture") { request, context in try self.thumbnail(request, context) }
    }

    /// The path of the text a picture field edits: the value's `src` when it is the object
    /// form, else the value itself.
    static func sourcePath(_ data: Value, _ path: DataPath) -> DataPath {
        if case .object(let o)? = DataEdits.get(data, path), o["src"] != nil || o["width_mm"] != nil || o["height_mm"] != nil {
            return path.key("src")
        }
        return path
    }

    /// `value` with each upload stored and its field set to the stored picture's path.
    /// An upload whose name is not a data path is refused (`bad_multipart`): the pages write
    /// none, and a picture must not be stored for nothing.
    func apply(_ uploads: [Multipart.File], to value: Value, id: String) throws -> Value {
        var result = value
        for upload in uploads {
            guard upload.name.hasPrefix(Self.uploadPrefix), let path = DataPath(String(upload.name.dropFirst(Self.uploadPrefix.count))) else {
                throw Multipart.failure("the file field '\(shortName(upload.name))' is not a picture field of this form")
            }
            let stored = try state.workspace.savePicture(upload.bytes, forData: id, maxBytes: state.configuration.limits.maxUploadBytes)
            result = DataEdits.set(result, Self.sourcePath(result, path), .string(stored))
        }
        return result
    }

    /// Marks each picture item of `items` whose picture the workspace has with its thumbnail's
    /// address (`thumb`); a picture that is missing or refused shows none (the check lists why).
    func thumbnails(_ items: inout [[String: Any]], id: String) {
        for i in items.indices where items[i]["isPicture"] as? Bool == true {
            guard let name = items[i]["name"] as? String, let value = items[i]["value"] as? String, !value.isEmpty,
                  (try? state.workspace.picture(value, forData: id, maxBytes: state.configuration.limits.maxUploadBytes)) != nil else { continue }
            // The value in the address: a new picture is a new address, never an old cached one.
            items[i]["thumb"] = "/data/\(PageRoutes.escapePath(id))/picture?field=\(Self.query(name))&v=\(Self.query(value))"
        }
    }

    func thumbnail(_ request: Request, _ context: ServerContext) throws -> Response {
        let id = try PathName.decode(try context.parameters.require("name"))
        guard let field = request.uri.queryParameters.get("field"), let path = DataPath(field) else {
            throw ServerError(.badRequest, "missing_parameter", "the query parameter 'field' is required")
        }
        let data = try state.loadData(id).value
        guard let source = DataEdits.get(data, Self.sourcePath(data, path))?.scalarText, !source.isEmpty else {
            throw ServerError(.notFound, "not_found", "the field \(shortName(field)) names no picture")
        }
        let picture = try state.workspace.picture(source, forData: id, maxBytes: state.configuration.limits.maxUploadBytes)
        return Response(status: .ok, headers: [.contentType: picture.mediaType, .cacheControl: "private, no-cache"],
                        body: .init(byteBuffer: ByteBuffer(bytes: picture.bytes)))
    }

    /// A value as a query parameter.
    static func query(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }
}
