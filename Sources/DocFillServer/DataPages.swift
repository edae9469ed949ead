import DocFill
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdCore

/// A data file's page: its form (the report editor, or the schema's form), the check messages
/// next to their fields and listed at the top, and the actions: save, preview, downloads,
/// next year, what changed. Saving checks the version the form was loaded from.
struct DataPages: Sendable {
    let state: ServerState
    let pages: PageRenderer
    var service: RenderService { RenderService(state: state) }

    func add(to router: Router<ServerContext>) {
        router.get("/data/:name") { request, context in try await self.show(request, context) }
        router.post("/data/:name") { request, context in try await self.save(request, context) }
    }

    func name(_ context: ServerContext) throws -> String { try PathName.decode(try context.parameters.require("name")) }

    /// The template the page renders and checks with: `?template=`, else the first one the
    /// data goes with.
    func template(for id: String, asked: String?) throws -> (name: String, choices: [String]) {
        let choices = state.templates(for: id)
        if let asked, !asked.isEmpty {
            _ = try state.template(asked)
            return (asked, choices.contains(asked) ? choices : choices + [asked])
        }
        guard let first = choices.first ?? state.workspace.templates().first?.id else {
            throw ServerError(.notFound, "unknown_id", "the workspace has no template for \(id)")
        }
        return (first, choices)
    }

    func show(_ request: Request, _ context: ServerContext) async throws -> Response {
        let id = try name(context)
        let file = try state.loadData(id)
        let query = request.uri.queryParameters
        let (templateName, choices) = try template(for: id, asked: query.get("template"))
        var banner: [String: Any]? = nil
        if query.get("saved") != nil { banner = ["cls": "ok", "text": pages.texts[Language.of(request)]["saved"] ?? ""] }
        if let made = query.get("made") {
            banner = ["cls": "ok", "text": (pages.texts[Language.of(request)]["next_year_made"] ?? "") + " " + made]
        }
        return try await formPage(id: id, data: file.value, version: file.version, dataSource: try state.workspace.dataSource(id),
                                  templateName: templateName, choices: choices, extends: file.extends, banner: banner,
                                  request: request, context: context)
    }

    /// The form page for `data` (the file as saved, or a stale form's values).
    func formPage(id: String, data: Value, version: String, dataSource: DataSource, templateName: String, choices: [String],
                  extends: String?, banner: [String: Any]?, status: HTTPResponse.Status = .ok,
                  request: Request, context: ServerContext) async throws -> Response {
        let language = Language.of(request)
        let texts = pages.texts[language]
        let compiled = try state.template(templateName)
        let checked = try await FormCheck.run(service, template: templateName, data: data, source: dataSource)
        let diagnostics = checked.findings.map(\.diagnostic), hint = checked.hint
        var notes: [String: [[String: Any]]] = [:]
        var all: [[String: Any]] = []
        for finding in checked.findings {
            let d = finding.diagnostic, path = finding.path
            let record = finding.record.map { "\(texts["list_item"] ?? "") \($0 + 1): " } ?? ""
            let text = record + Messages.text(d, language)
            let note: [String: Any] = ["severity": d.severity.rawValue, "code": d.code, "text": text, "place": d.location.description,
                                       "anchor": path.map(FormModel.anchor) ?? "", "todo": d.code == "open_todo"]
            if let path { notes[path.description, default: []].append(note) }
            all.append(note)
        }
        var form = FormModel(data: data, texts: texts, notes: notes)
        let model = compiled.declaredModel?.value ?? ""
        if model.hasPrefix("official-report") {
            ReportForm.build(&form)
        } else {
            SchemaForm.build(&form, schema: try await service.schema(template: templateName, model: .declared))
        }
        PictureFields(state: state).thumbnails(&form.items, id: id)
        // To-dos are errors (warnings in a draft), counted on their own.
        let todos = diagnostics.filter { $0.code == "open_todo" }.count
        let errors = diagnostics.filter { $0.severity == .error && $0.code != "open_todo" }.count
        let values: [String: Any] = [
            "id": id, "href": PageRoutes.escapePath(id), "version": version, "template": templateName,
            "templateHref": PageRoutes.escapePath(templateName),
            "choices": choices.map { ["name": $0, "selected": $0 == templateName] }, "extends": extends ?? "",
            "hasExtends": extends != nil, "items": form.items,
            "hasPictures": form.items.contains { $0["isPicture"] as? Bool == true }, "messages": all, "hasMessages": !all.isEmpty,
            "summary": String(format: texts["check_summary"] ?? "%d %d %d", errors, diagnostics.count - errors - todos, todos),
            "hint": hint ?? "", "hasHint": hint != nil, "banner": banner ?? [:], "hasBanner": banner != nil, "isReport": model.hasPrefix("official-report"),
            "canNextYear": model.hasPrefix("official-report"),
        ]
        return pages.page("form", values, request: request, context: context, status: status)
    }

    func save(_ request: Request, _ context: ServerContext) async throws -> Response {
        let id = try name(context)
        let form = try await FormFields.read(request, limit: state.configuration.limits.maxDataBytes,
                                             pictures: (state.configuration.limits.maxUploadBytes, PictureFields.maxUploads))
        try CSRFMiddleware.check(form, context: context)
        let current = try state.loadData(id)
        var value = DataEdits.apply(form.dataFields, to: current.value)
        // Stored before the version check: a picture is named by its content, so one stored
        // for a stale form is the same file when the form is sent again.
        value = try PictureFields(state: state).apply(form.uploads, to: value, id: id)
        let action = form.first("action") ?? "save"
        if action != "save" {
            // An empty list's first item is shaped by the template's schema (a record, not a text);
            // the schema is inferred only then.
            var schema: Value?
            if DataEdits.emptyListAdded(by: action, in: value) != nil {
                schema = try? await service.schema(template: form.first("_template") ?? "", model: .declared)
            }
            value = DataEdits.act(action, on: value) { path in schema.flatMap { SchemaForm.newItem(schema: $0, list: path) } }
        }
        let templateName = form.first("_template") ?? ""
        let back = "/data/\(PageRoutes.escapePath(id))?" + (templateName.isEmpty ? "" : "template=\(PageRoutes.escapePath(templateName))&")
        do {
            _ = try state.saveData(id, value: value, ifVersion: form.first("_version") ?? "")
        } catch let error as DocFillError where error.code == "stale_form" {
            // The other edit stays on disk; this one is shown again, unsaved, with the file's
            // current version: saving again is then a choice made knowing the other edit.
            let texts = pages.texts[Language.of(request)]
            let (chosen, choices) = try template(for: id, asked: templateName)
            return try await formPage(id: id, data: value, version: current.version,
                                      dataSource: try state.editedSource(value, id), templateName: chosen, choices: choices,
                                      extends: current.extends, banner: ["cls": "stale", "text": texts["stale_form"] ?? "", "stale": true,
                                                                         "reload": back],
                                      status: .conflict, request: request, context: context)
        }
        let anchor = action == "save" ? "" : "#" + (DataPath(String(action.split(separator: ":").last ?? "")).map(FormModel.anchor) ?? "")
        return Response.redirect(to: back + "saved=1" + anchor, type: .normal)
    }
}
