import Fluent
import KanssaCore
import Learning
import Vapor

/// The practice log: a professional's own entries, read by them only; the organisation's view of
/// how far tools have spread, counted over teams of five or more; its catalogue.
struct PracticeController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.GET, "learning", "practice", access: .policy { _ in .keepPracticeLog }, use: mine)
        routes.on(.POST, "learning", "practice", access: .policy { _ in .keepPracticeLog }, use: log)
        routes.on(.GET, "organisations", ":organisation", "practice",
                  access: .policy { .seePracticeAdoption(try $0.uuid("organisation")) }, use: overview)
        routes.on(.POST, "organisations", ":organisation", "practice", "tools",
                  access: .policy { .extendToolCatalogue(try $0.uuid("organisation")) }, use: addTool)
    }

    // MARK: One's own log

    @Sendable func mine(request: Request) async throws -> Response {
        var model = try await myModel(request)
        if request.query[String.self, at: "notice"] == "logged" { model.notice = Notice(.success, request.localizer(.practiceLoggedNotice)) }
        return MyPractice.View(model: model, chrome: request.chrome()).render().response()
    }

    @Sendable func log(request: Request) async throws -> Response {
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        let fields = request.formFields(["tool", "used-on", "with-whom", "what-happened", "what-learned"], limit: PracticeLog.textLength + 100)
        var model = try await myModel(request)
        switch PracticeLog.check(fields, tools: model.tools, timeZone: request.platform.config.timeZone, now: request.now) {
        case .failure(let list):
            let t = request.localizer
            model.draft = fields
            model.errors = list.problems.map { problem in
                let message = switch problem {
                case .tool: t(.errorPracticeTool)
                case .usedOn: t(.errorPracticeUsedOn)
                case .withWhom: t.textError(.errorPracticeWithWhom, typed: fields["with-whom"], maxLength: PracticeLog.withWhomLength)
                case .whatHappened:
                    t.textError(.errorPracticeWhatHappened, typed: fields["what-happened"], maxLength: PracticeLog.textLength, multiline: true)
                case .whatLearned: t(.errorPracticeWhatLearned)
                }
                return FieldError(field: problem.rawValue, message: message)
            }
            return MyPractice.View(model: model, chrome: request.chrome()).render().response(status: .unprocessableEntity)
        case .success(let draft):
            try await PracticeLog.log(draft, by: principal.accountID, at: request.now, on: request.db)
            try await request.audit(.personalDataChanged, subject: principal.accountID, target: "practice-log", purpose: .learning)
            return request.redirect(to: LearningRoute.myPractice().path + "?notice=logged", redirectType: .normal)
        }
    }

    private func myModel(_ request: Request) async throws -> MyPractice.Model {
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        return try await MyPractice.load(
            accountID: principal.accountID,
            organisationIDs: principal.memberships.filter { $0.role == .professional }.map(\.organisationID),
            language: request.localizer.language, page: ListPage(number: request.query[Int.self, at: "page"], size: 20),
            timeZone: request.platform.config.timeZone, on: request.db)
    }

    // MARK: The organisation's view

    @Sendable func overview(request: Request) async throws -> Response {
        var model = try await overviewModel(request)
        if request.query[String.self, at: "notice"] == "added" { model.notice = Notice(.success, request.localizer(.practiceToolAddedNotice)) }
        return PracticeOverview.View(model: model, chrome: request.chrome()).render().response()
    }

    @Sendable func addTool(request: Request) async throws -> Response {
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        let organisationID = try request.uuid("organisation")
        let typedName = (try? request.content.get(String.self, at: "name")).map { String($0.prefix(300)) } ?? ""
        let typedDescription = (try? request.content.get(String.self, at: "description")).map { String($0.prefix(700)) } ?? ""
        var model = try await overviewModel(request)
        // A name the catalogue has in any language is taken: two tools of one name could not be told apart.
        let taken = Set((request.platform.catalogs.languageNames.map(\.code).flatMap { StandardTools.all(in: $0).map(\.name) })
            + model.tools.map(\.name)).map { $0.lowercased() }
        let name = TypedText.clean(typedName, maxLength: 100).flatMap { taken.contains($0.lowercased()) ? nil : $0 }
        let description = TypedText.clean(typedDescription, maxLength: 500, multiline: true)
        guard let name, let description else {
            let t = request.localizer
            model.draft = ["name": typedName, "description": typedDescription]
            model.errors = (name == nil ? [FieldError(field: "name", message: t.textError(
                .errorPracticeToolName, typed: typedName, maxLength: 100, otherwise: .errorPracticeToolNameTaken))] : [])
                + (description == nil ? [FieldError(field: "description", message: t.textError(
                    .errorPracticeToolDescription, typed: typedDescription, maxLength: 500, multiline: true))] : [])
            return PracticeOverview.View(model: model, chrome: request.chrome()).render().response(status: .unprocessableEntity)
        }
        let tool = OrganisationTool(organisationID: organisationID, name: name, description: description, createdByID: principal.accountID,
                                    at: request.now)
        try await tool.create(on: request.db)
        try await request.audit(.practiceToolAdded, organisation: organisationID, target: "practice-tool:\(tool.id!)", purpose: .learning)
        return request.redirect(to: LearningRoute.practice(organisation: organisationID).path + "?notice=added", redirectType: .normal)
    }

    private func overviewModel(_ request: Request) async throws -> PracticeOverview.Model {
        var model = try await PracticeOverview.load(
            organisation: try await request.organisation(), language: request.localizer.language,
            timeZone: request.platform.config.timeZone, now: request.now, on: request.db)
        model.mayAddTools = Policy.decide(.extendToolCatalogue(model.organisationID), for: request.principal).isAllowed
        return model
    }
}
