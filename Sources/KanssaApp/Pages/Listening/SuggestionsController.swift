import KanssaCore
import Listening
import Vapor

/// Theme suggestion: a team member asks for it, the work goes on in the background (on the
/// thread pool, since it is all arithmetic) while the page shows how far it has got, and each
/// suggestion is taken into the codebook, renamed or turned down.
struct SuggestionsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let work = ListeningController.consultation { .workOnConsultation($0) }
        let consultation = routes.grouped("listening", "consultations", ":consultation")
        consultation.on(.GET, "suggestions", access: work, use: show)
        consultation.on(.POST, "suggestions", access: work, use: start)
        consultation.on(.POST, "suggestions", ":suggestion", access: work, use: decide)
    }

    private func render(_ model: Suggestions.Model, _ request: Request, status: HTTPResponseStatus = .ok) -> Response {
        let view = SuggestionsView(model: model, chrome: request.chrome())
        let response = view.render().response(status: status)
        // Loaded again without the notice that started it, which would otherwise outlive the work.
        if let seconds = view.refreshAfter {
            response.headers.replaceOrAdd(name: "Refresh", value: "\(seconds); url=" + ListeningRoute.suggestions(consultation: model.consultationID).path)
        }
        return response
    }

    @Sendable func show(request: Request) async throws -> Response {
        var model = try await Suggestions.load(try request.uuid("consultation"), now: request.now, on: request.db)
        let t = request.localizer
        model.notice = switch request.queryText("notice") {
        case "started": Notice(.success, t(.suggestionsStartedNotice))
        case "decided": Notice(.success, t(.suggestionsDecidedNotice))
        default: nil
        }
        return render(model, request)
    }

    struct StartForm: Content {
        var language: String?
        var wanted: String?
    }

    @Sendable func start(request: Request) async throws -> Response {
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        let consultationID = try request.uuid("consultation")
        let form = (try? request.content.decode(StartForm.self)) ?? StartForm()
        let language = String((form.language ?? "").prefix(10)), wanted = Int((form.wanted ?? "").prefix(4))
        switch try await Suggestions.start(consultationID: consultationID, language: language, wanted: wanted, by: principal.accountID,
                                           at: request.now, on: request.db) {
        case .failure(let list):
            let t = request.localizer
            var model = try await Suggestions.load(consultationID, now: request.now, on: request.db)
            if !language.isEmpty { model.language = language }
            model.wanted = wanted ?? Suggestions.usual
            model.errors = list.problems.map { problem in
                switch problem {
                case .language: FieldError(field: "language", message: t(.errorSuggestionsLanguage))
                case .wanted: FieldError(field: "wanted", message: t(.errorSuggestionsWanted))
                case .busy: FieldError(field: "language", message: t(.errorSuggestionsBusy))
                }
            }
            return render(model, request, status: list.problems == [.busy] ? .conflict : .unprocessableEntity)
        case .success(let runID):
            let (application, now) = (request.application, request.platform.dependencies.now)
            application.platform.backgroundWork.start {
                await Suggestions.work(runID, clustering: { texts, wanted, progress in
                    try await application.threadPool.runIfActive { TextClusters.cluster(texts, count: wanted, progress: progress) }
                }, now: now, on: application.db)
            }
            return request.redirect(to: ListeningRoute.suggestions(consultation: consultationID).path + "?notice=started", redirectType: .normal)
        }
    }

    @Sendable func decide(request: Request) async throws -> Response {
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        let consultationID = try request.uuid("consultation")
        let suggestionID = try request.uuid("suggestion")
        guard try await Suggestions.isOf(suggestionID, consultation: consultationID, on: request.db) else { throw KanssaError.notFound }
        let form = (try? request.content.decode([String: String].self)) ?? [:]
        // The new name's field is named after the suggestion, so that each card's field has its own id.
        let field = "name-\(suggestionID.uuidString.lowercased())"
        guard let choice = form["choice"].flatMap(Suggestions.Choice.init(rawValue:)) else { throw Abort(.unprocessableEntity) }
        let name = String((form[field] ?? "").prefix(Codebook.longestName + 100))
        switch try await Suggestions.decide(suggestionID, of: consultationID, choice: choice, name: name, by: principal.accountID,
                                            at: request.now, on: request.db) {
        case .failure(let list):
            let t = request.localizer
            var model = try await Suggestions.load(consultationID, now: request.now, on: request.db)
            model.errors = list.problems.map { problem in
                switch problem {
                case .name: FieldError(field: field, message: t(.errorSuggestionsName))
                case .taken: FieldError(field: field, message: t(.errorSuggestionsTaken))
                case .decided: FieldError(field: "language", message: t(.errorSuggestionsDecided))
                }
            }
            return render(model, request, status: list.problems == [.decided] ? .conflict : .unprocessableEntity)
        case .success:
            return request.redirect(to: ListeningRoute.suggestions(consultation: consultationID).path + "?notice=decided", redirectType: .normal)
        }
    }
}
