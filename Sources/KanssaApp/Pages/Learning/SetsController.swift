import Fluent
import KanssaCore
import Learning
import Vapor

/// A coordinator sets up an organisation's action-learning sets and sees, for each, attendance
/// and counts — never what was said in it.
struct SetsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let organise = AccessRule.policy { .organiseSets(try $0.uuid("organisation")) }
        routes.on(.GET, "organisations", ":organisation", "sets", access: organise, use: list)
        routes.on(.POST, "organisations", ":organisation", "sets", access: organise, use: create)
        routes.on(.POST, "organisations", ":organisation", "sets", ":set", "members", access: organise, use: changeMembers)
    }

    struct SetForm: Content {
        var name: String?
        var facilitator: String?
        var members: [String]?
        var first: String?
        var time: String?
        var weeks: String?
        var count: String?
        var place: String?

        var fields: [String: String] {
            ["name": name, "facilitator": facilitator, "first": first, "time": time, "weeks": weeks, "count": count, "place": place]
                .compactMapValues { $0.map { String($0.prefix(300)) } }
        }
    }

    @Sendable func list(request: Request) async throws -> Response {
        var model = try await SetList.load(organisation: try await request.organisation(), now: request.now, on: request.db)
        switch request.query[String.self, at: "notice"] {
        case "created": model.notice = Notice(.success, request.localizer(.setCreatedNotice))
        case "members": model.notice = Notice(.success, request.localizer(.setMembersChangedNotice))
        default: break
        }
        return SetList.View(model: model, chrome: request.chrome()).render().response()
    }

    /// Someone joins or leaves a set. Only a set of this organisation is found.
    @Sendable func changeMembers(request: Request) async throws -> Response {
        let organisationID = try request.uuid("organisation")
        guard let set = try await ActionLearningSets.set(try request.uuid("set"), of: organisationID, on: request.db)
        else { throw KanssaError.notFound }
        let setID = try set.requireID()
        let chosen = Array(((try? request.content.get([String].self, at: "members-\(setID)")) ?? []).prefix(50))
        var model = try await SetList.load(organisation: try await request.organisation(), now: request.now, on: request.db)
        guard try await ActionLearningSets.changeMembers(of: set, to: chosen, candidates: model.candidates, at: request.now, on: request.db)
        else {
            model.membersError = SetList.MembersError(set: setID, message: request.localizer(.errorSetMembers))
            return SetList.View(model: model, chrome: request.chrome()).render().response(status: .unprocessableEntity)
        }
        try await request.audit(.personalDataChanged, organisation: organisationID, target: "set:\(setID):members", purpose: .learning)
        return request.redirect(to: LearningRoute.sets(organisation: organisationID).path + "?notice=members", redirectType: .normal)
    }

    @Sendable func create(request: Request) async throws -> Response {
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        let organisationID = try request.uuid("organisation")
        let form = (try? request.content.decode(SetForm.self)) ?? SetForm()
        let members = Array((form.members ?? []).prefix(50))
        var model = try await SetList.load(organisation: try await request.organisation(), now: request.now, on: request.db)
        switch ActionLearningSets.checkSetup(
            form.fields, members: members, candidates: model.candidates, timeZone: request.platform.config.timeZone, now: request.now)
        {
        case .failure(let list):
            let t = request.localizer
            model.draft = form.fields
            model.draftMembers = Set(members)
            model.errors = list.problems.map { problem in
                let message = switch problem {
                case .name: t.textError(.errorSetName, typed: form.fields["name"], maxLength: ActionLearningSets.nameLength)
                case .facilitator: t(.errorSetFacilitator)
                case .members: t(.errorSetMembers)
                case .first: t(.errorSetFirst)
                case .time: t(.errorSetTime)
                case .weeks: t(.errorSetWeeks)
                case .count: t(.errorSetCount)
                case .place: t.textError(.errorSetPlace, typed: form.fields["place"], maxLength: ActionLearningSets.placeLength)
                }
                return FieldError(field: problem.rawValue, message: message)
            }
            return SetList.View(model: model, chrome: request.chrome()).render().response(status: .unprocessableEntity)
        case .success(let setup):
            let setID = try await ActionLearningSets.create(setup, organisationID: organisationID, by: principal.accountID,
                                                            at: request.now, on: request.db)
            try await request.audit(.learningSetCreated, organisation: organisationID, target: "set:\(setID)", purpose: .learning)
            return request.redirect(to: LearningRoute.sets(organisation: organisationID).path + "?notice=created", redirectType: .normal)
        }
    }
}
