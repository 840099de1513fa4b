import Evaluation
import Fluent
import KanssaCore
import Vapor

/// The barrier register: an organisation's coordinators record barriers and change them; they
/// and each barrier's owner follow it — link evidence, add and finish actions, review it.
struct BarriersController: RouteCollection {
    /// The barrier named by `:barrier`, decided on its owner. One of another organisation, or none,
    /// is not found.
    static let following = AccessRule.policy { request in
        let organisationID = try request.uuid("organisation")
        guard let barrier = try await Barriers.find(try request.uuid("barrier"), of: organisationID, on: request.db) else {
            throw KanssaError.notFound
        }
        return .followBarrier(organisation: organisationID, ownerID: barrier.ownerID)
    }

    func boot(routes: any RoutesBuilder) throws {
        let organisation = routes.grouped("organisations", ":organisation")
        let keep = AccessRule.policy { .keepBarriers(try $0.uuid("organisation")) }
        organisation.on(.GET, "barriers", access: keep, use: list)
        organisation.on(.POST, "barriers", access: keep, use: record)
        organisation.on(.GET, "barriers", ":barrier", access: Self.following, use: show)
        organisation.on(.POST, "barriers", ":barrier", access: keep, use: change)
        organisation.on(.POST, "barriers", ":barrier", "evidence", access: Self.following, use: linkEvidence)
        organisation.on(.POST, "barriers", ":barrier", "evidence", ":evidence", "remove", access: Self.following, use: removeEvidence)
        organisation.on(.POST, "barriers", ":barrier", "actions", access: Self.following, use: addAction)
        organisation.on(.POST, "barriers", ":barrier", "actions", ":action", "done", access: Self.following, use: markDone)
        organisation.on(.POST, "barriers", ":barrier", "reviews", access: Self.following, use: review)
    }

    // MARK: The register

    @Sendable func list(request: Request) async throws -> Response {
        BarrierPages.ListView(model: try await listModel(request), chrome: request.chrome()).render().response()
    }

    @Sendable func record(request: Request) async throws -> Response {
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        var model = try await listModel(request)
        let draft = self.draft(request)
        switch Barriers.check(draft, owners: model.owners, teams: model.teams) {
        case .failure(let list):
            model.draft = draft
            model.errors = errors(list, draft: draft, request.localizer)
            return BarrierPages.ListView(model: model, chrome: request.chrome()).render().response(status: .unprocessableEntity)
        case .success(let checked):
            let organisationID = model.organisationID
            let barrierID = try await request.db.transaction { database in
                let id = try await Barriers.record(checked, in: organisationID, by: principal.accountID, at: request.now, on: database)
                try await request.audit(.barrierRecorded, organisation: organisationID, target: "barrier:\(id)", purpose: .evaluation, on: database)
                return id
            }
            return redirect(request, organisationID, barrierID, notice: "recorded")
        }
    }

    private func listModel(_ request: Request) async throws -> BarrierPages.ListModel {
        let organisation = try await request.organisation()
        let organisationID = try organisation.requireID()
        let showing = request.queryText("showing").flatMap(Barriers.Showing.init(rawValue:)) ?? .current
        return BarrierPages.ListModel(
            organisationID: organisationID, organisationName: organisation.name, showing: showing,
            barriers: try await Barriers.list(of: organisationID, showing: showing,
                                              page: ListPage(number: request.query[Int.self, at: "page"]), on: request.db),
            owners: try await Barriers.owners(of: organisationID, on: request.db),
            teams: try await Barriers.teams(of: organisationID, on: request.db))
    }

    private func draft(_ request: Request) -> Barriers.Draft {
        let fields = request.formFields(Barriers.Problem.allCases.map(\.rawValue), limit: Barriers.longestText + 100)
        return Barriers.Draft(title: fields["title"] ?? "", description: fields["description"] ?? "", kind: fields["kind"] ?? "",
                              team: fields["team"] ?? "", service: fields["service"] ?? "", owner: fields["owner"] ?? "")
    }

    private func errors(_ list: ProblemList<Barriers.Problem>, draft: Barriers.Draft, _ t: Localizer) -> [FieldError] {
        list.problems.map { problem in
            let message = switch problem {
            case .title: t.textError(.errorBarrierTitle, typed: draft.title, maxLength: Barriers.longestTitle)
            case .description: t.textError(.errorBarrierDescription, typed: draft.description, maxLength: Barriers.longestText)
            case .kind: t(.errorBarrierKind)
            case .team: t(.errorBarrierTeam)
            case .service: t.textError(.errorBarrierService, typed: draft.service, maxLength: Barriers.longestService)
            case .owner: t(.errorBarrierOwner)
            }
            return FieldError(field: problem.rawValue, message: message)
        }
    }

    // MARK: One barrier

    @Sendable func show(request: Request) async throws -> Response {
        var model = try await recordModel(request, try await barrier(request).1)
        model.notice = switch request.queryText("notice") {
        case "recorded": Notice(.success, request.localizer(.barrierRecordedNotice))
        case "changed": Notice(.success, request.localizer(.barrierChangedNotice))
        default: nil
        }
        return BarrierPages.RecordView(model: model, chrome: request.chrome()).render().response()
    }

    @Sendable func change(request: Request) async throws -> Response {
        let (organisationID, barrier) = try await self.barrier(request)
        let draft = self.draft(request)
        let owners = try await Barriers.owners(of: organisationID, on: request.db)
        let teams = try await Barriers.teams(of: organisationID, on: request.db)
        switch Barriers.check(draft, owners: owners, teams: teams) {
        case .failure(let list):
            var model = try await recordModel(request, barrier)
            model.draft = draft
            return refused(request, model, errors(list, draft: draft, request.localizer))
        case .success(let checked):
            try await request.db.transaction { database in
                try await Barriers.change(barrier, to: checked, at: request.now, on: database)
                try await audit(request, barrier, on: database)
            }
            return redirect(request, organisationID, try barrier.requireID(), notice: "changed")
        }
    }

    @Sendable func linkEvidence(request: Request) async throws -> Response {
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        let (organisationID, barrier) = try await self.barrier(request)
        let fields = request.formFields(["kind", "pulse", "pulse-team", "staff-team", "theme", "decision", "note"], limit: Barriers.longestText + 100)
        let kind = fields["kind"] ?? ""
        let draft = BarrierEvidenceLinks.Draft(
            kind: kind, pulse: fields["pulse"] ?? "", team: (kind == EvidenceKind.staff.rawValue ? fields["staff-team"] : fields["pulse-team"]) ?? "",
            linked: (kind == EvidenceKind.decision.rawValue ? fields["decision"] : fields["theme"]) ?? "", note: fields["note"] ?? "")
        let result = try await request.db.transaction { database in
            let result = try await BarrierEvidenceLinks.add(draft, to: barrier, instrument: request.platform.staffPulse, by: principal.accountID,
                                                            at: request.now, on: database)
            if case .success = result { try await audit(request, barrier, on: database) }
            return result
        }
        guard case .failure(let list) = result else { return redirect(request, organisationID, try barrier.requireID(), notice: "changed") }
        let t = request.localizer
        let errors = list.problems.map { problem in
            switch problem {
            case .kind, .pulse: FieldError(field: "pulse", message: t(.errorEvidencePulse))
            case .team: FieldError(field: kind == EvidenceKind.staff.rawValue ? "staff-team" : "pulse-team", message: t(.errorEvidenceTeam))
            case .linked: FieldError(field: kind == EvidenceKind.decision.rawValue ? "decision" : "theme", message: t(.errorEvidenceLinked))
            case .note: FieldError(field: "note", message: t.textError(.errorEvidenceNote, typed: draft.note, maxLength: Barriers.longestText))
            }
        }
        var model = try await recordModel(request, barrier)
        model.typed = fields
        return refused(request, model, errors)
    }

    /// Evidence linked by mistake comes off; it can be linked again. Another barrier's is not found.
    @Sendable func removeEvidence(request: Request) async throws -> Response {
        let (organisationID, barrier) = try await self.barrier(request)
        let evidenceID = try request.uuid("evidence")
        try await request.db.transaction { database in
            guard try await BarrierEvidenceLinks.remove(evidenceID, from: barrier, at: request.now, on: database) else {
                throw KanssaError.notFound
            }
            try await audit(request, barrier, on: database)
        }
        return redirect(request, organisationID, try barrier.requireID(), notice: "changed")
    }

    @Sendable func addAction(request: Request) async throws -> Response {
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        let (organisationID, barrier) = try await self.barrier(request)
        let fields = request.formFields(["action-text", "action-due"], limit: Barriers.longestTitle + 100)
        let result = try await request.db.transaction { database in
            let result = try await Barriers.addAction(
                text: fields["action-text"] ?? "", dueOn: fields["action-due"] ?? "", to: barrier, by: principal.accountID, at: request.now,
                timeZone: request.platform.config.timeZone, on: database)
            if case .success = result { try await audit(request, barrier, on: database) }
            return result
        }
        guard case .failure(let list) = result else { return redirect(request, organisationID, try barrier.requireID(), notice: "changed") }
        let t = request.localizer
        var model = try await recordModel(request, barrier)
        model.typed = fields
        return refused(request, model, list.problems.map { problem in
            switch problem {
            case .text: FieldError(field: "action-text", message: t.textError(.errorBarrierAction, typed: fields["action-text"], maxLength: Barriers.longestTitle))
            case .dueOn: FieldError(field: "action-due", message: t(.errorBarrierActionDue))
            }
        })
    }

    @Sendable func markDone(request: Request) async throws -> Response {
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        let (organisationID, barrier) = try await self.barrier(request)
        let actionID = try request.uuid("action")
        try await request.db.transaction { database in
            // Done twice (a double click): the first stands. Another barrier's action is not found.
            if try await Barriers.markDone(actionID, of: barrier, by: principal.accountID, at: request.now, on: database) {
                try await audit(request, barrier, on: database)
            } else if try await BarrierAction.query(on: database).filter(\.$id == actionID).filter(\.$barrierID == barrier.requireID()).count() == 0 {
                throw KanssaError.notFound
            }
        }
        return redirect(request, organisationID, try barrier.requireID(), notice: "changed")
    }

    @Sendable func review(request: Request) async throws -> Response {
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        let (organisationID, barrier) = try await self.barrier(request)
        let fields = request.formFields(["review-status", "review-note"], limit: Barriers.longestText + 100)
        let result = try await request.db.transaction { database in
            let result = try await Barriers.review(status: fields["review-status"] ?? "", note: fields["review-note"] ?? "", of: barrier,
                                                   by: principal.accountID, at: request.now, on: database)
            if case .success = result { try await audit(request, barrier, on: database) }
            return result
        }
        guard case .failure(let list) = result else { return redirect(request, organisationID, try barrier.requireID(), notice: "changed") }
        let t = request.localizer
        var model = try await recordModel(request, barrier)
        model.typed = fields
        return refused(request, model, list.problems.map { problem in
            switch problem {
            case .status: FieldError(field: "review-status", message: t(.errorBarrierReviewStatus))
            case .note: FieldError(field: "review-note", message: t.textError(.errorBarrierReviewNote, typed: fields["review-note"], maxLength: Barriers.longestText))
            }
        })
    }

    // MARK: Loading

    /// The organisation's barrier named in the address; the access rule found it already.
    private func barrier(_ request: Request) async throws -> (UUID, Barrier) {
        let organisationID = try request.uuid("organisation")
        guard let barrier = try await Barriers.find(try request.uuid("barrier"), of: organisationID, on: request.db) else {
            throw KanssaError.notFound
        }
        return (organisationID, barrier)
    }

    private func recordModel(_ request: Request, _ barrier: Barrier) async throws -> BarrierPages.RecordModel {
        let organisation = try await request.organisation()
        let organisationID = barrier.organisationID
        let language = request.localizer.language
        let instrument = request.platform.staffPulse
        let record = try await BarrierRecord.load(barrier, organisationName: organisation.name, instrument: instrument, language: language,
                                                  now: request.now, timeZone: request.platform.config.timeZone, on: request.db)
        let mayChange = Policy.decide(.keepBarriers(organisationID), for: request.principal).isAllowed
        return BarrierPages.RecordModel(
            record: record,
            choices: try await BarrierEvidenceLinks.choices(of: organisationID, instrument: instrument, language: language, on: request.db),
            owners: mayChange ? try await Barriers.owners(of: organisationID, on: request.db) : [],
            teams: mayChange ? try await Barriers.teams(of: organisationID, on: request.db) : [],
            mayChange: mayChange)
    }

    private func refused(_ request: Request, _ model: BarrierPages.RecordModel, _ errors: [FieldError]) -> Response {
        var model = model
        model.errors = errors
        return BarrierPages.RecordView(model: model, chrome: request.chrome()).render().response(status: .unprocessableEntity)
    }

    private func redirect(_ request: Request, _ organisationID: UUID, _ barrierID: UUID, notice: String) -> Response {
        request.redirect(to: EvaluationRoute.barrier(organisation: organisationID, barrier: barrierID).path + "?notice=\(notice)", redirectType: .normal)
    }

    private func audit(_ request: Request, _ barrier: Barrier, on database: any Database) async throws {
        try await request.audit(.barrierChanged, organisation: barrier.organisationID, target: "barrier:\(try barrier.requireID())",
                                purpose: .evaluation, on: database)
    }
}
