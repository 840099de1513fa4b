import Fluent
import KanssaCore
import Listening
import Vapor

/// What listening led to: its figures, verdicts on the ledger's assumptions, decisions and their updates, and
/// across the organisation how sure staff were and what it stopped.
struct OutcomesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let run = AccessRule.policy { .runConsultations(try $0.uuid("organisation")) }
        let seeFigures = AccessRule.policy { .readConsultationFigures(try $0.uuid("organisation")) }
        routes.on(.GET, "organisations", ":organisation", "consultations", "calibration", access: seeFigures, use: calibration)
        routes.on(.GET, "organisations", ":organisation", "stopped", access: run, use: stopped)
        let work = ListeningController.consultation { .workOnConsultation($0) }
        let consultation = routes.grouped("listening", "consultations", ":consultation")
        consultation.on(.GET, "figures", access: ListeningController.consultation { .seeConsultationFigures($0) }, use: figures)
        consultation.on(.GET, "report", access: work, use: report)
        consultation.on(.GET, "assumptions", ":assumption", "verdict", access: work, use: verdict)
        consultation.on(.POST, "assumptions", ":assumption", "verdict", access: work, use: giveVerdict)
        consultation.on(.GET, "decisions", access: work, use: newDecision)
        consultation.on(.POST, "decisions", access: work, use: takeDecision)
        consultation.on(.GET, "decisions", ":decision", access: work, use: decision)
        consultation.on(.POST, "decisions", ":decision", "updates", access: work, use: updateDecision)
    }

    // MARK: Figures

    @Sendable func figures(request: Request) async throws -> Response {
        let id = try request.uuid("consultation")
        let database = request.db
        guard let kept = try await request.platform.consultations.model(.figures, of: .identified(id), on: database, build: {
            try await ConsultationFigures.load($0, on: database)
        }) else { throw KanssaError.notFound }
        let mayWork = try await Consultations.access(id, on: request.db).map { Policy.decide(.workOnConsultation($0), for: request.principal).isAllowed }
        let chrome = request.chrome()
        // The charts and tables depend on the model and the reader's language only: rendered once for each.
        let figures = kept.rendering(chrome.t.language) { FiguresPage(model: $0, chrome: chrome).figures }
        return FiguresPage(model: kept.model, chrome: chrome, figuresOnly: mayWork != true, rendered: figures).render().response()
    }

    @Sendable func report(request: Request) async throws -> Response {
        guard let model = try await ConsultationReport.load(try request.uuid("consultation"), on: request.db) else {
            let t = request.localizer
            return Layout.page(title: t(.reportNotYetTitle), chrome: request.chrome(), content: .p(.txt(t(.reportNotYet))))
                .response(status: .conflict)
        }
        return ConsultationReport.View(model: model, chrome: request.chrome()).render().response()
    }

    // MARK: Verdicts

    @Sendable func verdict(request: Request) async throws -> Response {
        let model = try await Verdicts.load(try request.uuid("assumption"), in: try request.uuid("consultation"), on: request.db)
        return OutcomePages.VerdictView(model: model, chrome: request.chrome()).render().response()
    }

    struct VerdictForm: Content {
        var kind: String?
        var reasoning: String?
        var evidence: [String]?
    }

    @Sendable func giveVerdict(request: Request) async throws -> Response {
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        let consultationID = try request.uuid("consultation")
        let assumptionID = try request.uuid("assumption")
        let form = (try? request.content.decode(VerdictForm.self)) ?? VerdictForm()
        let draft = Verdicts.Draft(kind: String((form.kind ?? "").prefix(20)),
                                   reasoning: String((form.reasoning ?? "").prefix(Verdicts.longestReasoning + 100)),
                                   evidence: Array((form.evidence ?? []).prefix(1_000)).map { String($0.prefix(40)) })
        var problems: ProblemList<Verdicts.Problem>?
        switch Verdicts.check(draft) {
        case .failure(let list): problems = list
        case .success(let checked):
            do {
                problems = try await Verdicts.give(checked, on: assumptionID, in: consultationID, by: principal.accountID, at: request.now,
                                                   on: request.db)
            } catch ListeningError.notNow {
                var model = try await Verdicts.load(assumptionID, in: consultationID, on: request.db)
                model.errors = [FieldError(field: "kind", message: request.localizer(.errorVerdictDraft))]
                return OutcomePages.VerdictView(model: model, chrome: request.chrome()).render().response(status: .conflict)
            }
        }
        guard let problems else {
            return request.redirect(to: ListeningRoute.consultation(consultationID).path + "?notice=verdict#ledger", redirectType: .normal)
        }
        let t = request.localizer
        var model = try await Verdicts.load(assumptionID, in: consultationID, on: request.db)
        model.draft = draft
        model.errors = problems.problems.map { problem in
            switch problem {
            case .kind: FieldError(field: "kind", message: t(.errorVerdictKind))
            case .reasoning: FieldError(field: "reasoning", message: t.textError(.errorVerdictReasoning, typed: form.reasoning,
                                                                                 maxLength: Verdicts.longestReasoning, multiline: true))
            case .evidence: FieldError(field: "evidence", message: t(.errorVerdictEvidence))
            }
        }
        return OutcomePages.VerdictView(model: model, chrome: request.chrome()).render().response(status: .unprocessableEntity)
    }

    // MARK: Decisions

    private func newDecisionModel(_ request: Request) async throws -> OutcomePages.NewDecisionModel {
        guard let consultation = try await Consultation.find(try request.uuid("consultation"), on: request.db) else { throw KanssaError.notFound }
        let id = try consultation.requireID()
        return OutcomePages.NewDecisionModel(
            consultationID: id, title: consultation.title, owners: try await Decisions.owners(of: consultation, on: request.db),
            grounds: try await Decisions.grounds(of: id, on: request.db))
    }

    @Sendable func newDecision(request: Request) async throws -> Response {
        OutcomePages.NewDecisionView(model: try await newDecisionModel(request), chrome: request.chrome()).render().response()
    }

    struct DecisionForm: Content {
        var kind: String?
        var subject: String?
        var reason: String?
        var owner: String?
        var dueOn: String?
        var grounds: [String]?
    }

    @Sendable func takeDecision(request: Request) async throws -> Response {
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        var model = try await newDecisionModel(request)
        let form = (try? request.content.decode(DecisionForm.self)) ?? DecisionForm()
        let draft = Decisions.Draft(
            kind: String((form.kind ?? "").prefix(20)), subject: String((form.subject ?? "").prefix(Decisions.longestSubject + 100)),
            reason: String((form.reason ?? "").prefix(Decisions.longestText + 100)), owner: String((form.owner ?? "").prefix(40)),
            dueOn: String((form.dueOn ?? "").prefix(10)), grounds: Array((form.grounds ?? []).prefix(200)).map { String($0.prefix(40)) })
        switch Decisions.check(draft, owners: model.owners, grounds: model.grounds, timeZone: request.platform.config.timeZone) {
        case .failure(let list):
            let t = request.localizer
            model.draft = draft
            model.errors = list.problems.map { problem in
                let message = switch problem {
                case .kind: t(.errorDecisionKind)
                case .subject: t.textError(.errorDecisionSubject, typed: form.subject, maxLength: Decisions.longestSubject)
                case .reason: t.textError(.errorDecisionReason, typed: form.reason, maxLength: Decisions.longestText, multiline: true)
                case .owner: t(.errorDecisionOwner)
                case .dueOn: t(.errorDecisionDue)
                case .grounds: t(.errorDecisionGrounds)
                }
                return FieldError(field: problem.rawValue, message: message)
            }
            return OutcomePages.NewDecisionView(model: model, chrome: request.chrome()).render().response(status: .unprocessableEntity)
        case .success(let checked):
            let id = try await Decisions.take(checked, in: model.consultationID, by: principal.accountID, at: request.now, on: request.db)
            return request.redirect(to: ListeningRoute.decision(consultation: model.consultationID, decision: id).path + "?notice=taken",
                                    redirectType: .normal)
        }
    }

    @Sendable func decision(request: Request) async throws -> Response {
        let model = try await Decisions.load(try request.uuid("decision"), in: try request.uuid("consultation"), on: request.db)
        let t = request.localizer
        let notice: Notice? = switch request.queryText("notice") {
        case "taken": Notice(.success, t(.decisionTakenNotice))
        case "updated": Notice(.success, t(.decisionUpdatedNotice))
        default: nil
        }
        return OutcomePages.DecisionView(model: model, notice: notice, chrome: request.chrome()).render().response()
    }

    struct UpdateForm: Content {
        var status: String?
        var note: String?
    }

    @Sendable func updateDecision(request: Request) async throws -> Response {
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        let consultationID = try request.uuid("consultation")
        let decisionID = try request.uuid("decision")
        var model = try await Decisions.load(decisionID, in: consultationID, on: request.db)
        let form = (try? request.content.decode(UpdateForm.self)) ?? UpdateForm()
        let draft = Decisions.UpdateDraft(status: String((form.status ?? "").prefix(20)), note: String((form.note ?? "").prefix(Decisions.longestText + 100)))
        switch Decisions.check(draft, current: model.decision.status) {
        case .failure(let list):
            let t = request.localizer
            model.draft = draft
            model.errors = list.problems.map { problem in
                switch problem {
                case .status: FieldError(field: "status", message: t(.errorDecisionStatus))
                case .note: FieldError(field: "note", message: t.textError(.errorDecisionNote, typed: form.note, maxLength: Decisions.longestText,
                                                                           multiline: true))
                }
            }
            return OutcomePages.DecisionView(model: model, chrome: request.chrome()).render().response(status: .unprocessableEntity)
        case .success(let checked):
            try await Decisions.update(decisionID, in: consultationID, with: checked, by: principal.accountID, at: request.now, on: request.db)
            return request.redirect(to: ListeningRoute.decision(consultation: consultationID, decision: decisionID).path + "?notice=updated",
                                    redirectType: .normal)
        }
    }

    // MARK: Across the organisation

    @Sendable func calibration(request: Request) async throws -> Response {
        let organisationID = try request.uuid("organisation")
        _ = try await request.organisation()
        let team = request.queryText("team").flatMap(UUID.init(uuidString:))
        let model = try await Calibration.load(organisation: organisationID, team: team, on: request.db)
        return OutcomePages.CalibrationView(model: model, chrome: request.chrome()).render().response()
    }

    @Sendable func stopped(request: Request) async throws -> Response {
        let organisation = try await request.organisation()
        let id = try organisation.requireID()
        let items = try await Decisions.stopped(by: id, page: ListPage(number: request.query[Int.self, at: "page"]), on: request.db)
        return OutcomePages.StoppedView(model: .init(organisationID: id, organisationName: organisation.name, items: items), chrome: request.chrome())
            .render().response()
    }
}
