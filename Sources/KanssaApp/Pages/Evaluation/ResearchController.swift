import Evaluation
import Fluent
import KanssaCore
import Vapor

/// Research exports: an admin admits a researcher to a project; the researcher asks for an
/// export; a coordinator or admin who did not ask releases or refuses it; the researcher
/// downloads its tables for seven days. Every step and every download is in the audit log.
struct ResearchController: RouteCollection {
    /// The export named by `:export` in the organisation, decided on who asked for it.
    static let deciding = AccessRule.policy { request in
        let organisationID = try request.uuid("organisation")
        guard let found = try await ResearchProjects.export(try request.uuid("export"), of: organisationID, on: request.db) else {
            throw KanssaError.notFound
        }
        return .decideResearchExport(organisation: organisationID, requestedBy: found.export.requestedByID)
    }

    /// The project named by `:project`, decided on its researcher and end date.
    static let requesting = AccessRule.policy { request in
        guard let project = try await ResearchProjects.project(try request.uuid("project"), on: request.db) else { throw KanssaError.notFound }
        return .useResearchProject(organisation: project.organisationID, researcher: project.researcherID,
                                   ended: ResearchProjects.hasEnded(project, timeZone: request.platform.config.timeZone, now: request.now))
    }

    /// The export named by `:export`: only once released, within its seven days, before the project ends.
    static let downloading = AccessRule.policy { request in
        guard let (export, project) = try await ResearchProjects.export(try request.uuid("export"), on: request.db) else { throw KanssaError.notFound }
        return .downloadResearchExport(
            organisation: project.organisationID, researcher: project.researcherID,
            ended: ResearchProjects.hasEnded(project, timeZone: request.platform.config.timeZone, now: request.now),
            released: export.status == .released, expired: ResearchProjects.hasExpired(export, now: request.now))
    }

    func boot(routes: any RoutesBuilder) throws {
        let organisation = routes.grouped("organisations", ":organisation", "research")
        organisation.on(.GET, access: .policy { .seeResearchProjects(try $0.uuid("organisation")) }, use: list)
        organisation.on(.POST, access: .policy { .admitResearchers(try $0.uuid("organisation")) }, use: admit)
        let ending = AccessRule.policy { .admitResearchers(try $0.uuid("organisation")) }
        organisation.on(.GET, "projects", ":project", "end", access: ending, use: confirmEnd)
        organisation.on(.POST, "projects", ":project", "end", access: ending, use: end)
        organisation.on(.GET, "exports", ":export", access: .policy { .seeResearchProjects(try $0.uuid("organisation")) }, use: showExport)
        organisation.on(.POST, "exports", ":export", access: Self.deciding, use: decide)
        routes.on(.GET, "research", access: .policy { _ in .seeOwnResearch }, use: own)
        routes.on(.POST, "research", "projects", ":project", "exports", access: Self.requesting, use: request)
        routes.on(.GET, "research", "exports", ":export", "tables", ":field", access: Self.downloading, use: download)
    }

    // MARK: The organisation's projects

    @Sendable func list(request: Request) async throws -> Response {
        var model = try await listModel(request)
        model.notice = switch request.queryText("notice") {
        case "admitted": Notice(.success, request.localizer(.researchAdmittedNotice))
        case "ended": Notice(.success, request.localizer(.researchEndedNotice))
        default: nil
        }
        return ResearchPages.OrganisationView(model: model, chrome: request.chrome()).render().response()
    }

    @Sendable func admit(request: Request) async throws -> Response {
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        var model = try await listModel(request)
        let fields = request.formFields(ResearchProjects.Problem.allCases.map(\.rawValue) + ["exact-dates"], limit: ResearchProjects.longestPurpose + 100)
        var draft = ResearchProjects.Draft()
        draft.name = fields["name"] ?? ""
        draft.purpose = fields["purpose"] ?? ""
        draft.researcher = fields["researcher"] ?? ""
        draft.fields = Array(((try? request.content.get([String].self, at: "fields")) ?? []).prefix(20)).map { String($0.prefix(40)) }
        draft.periodStart = fields["period-start"] ?? ""
        draft.periodEnd = fields["period-end"] ?? ""
        draft.endsOn = fields["ends-on"] ?? ""
        draft.exactDates = ((try? request.content.get([String].self, at: "exact-dates")) ?? []).contains("yes")
        switch ResearchProjects.check(draft, researchers: model.researchers ?? [], timeZone: request.platform.config.timeZone, now: request.now) {
        case .failure(let list):
            model.draft = draft
            model.errors = errors(list, draft: draft, request.localizer)
            return ResearchPages.OrganisationView(model: model, chrome: request.chrome()).render().response(status: .unprocessableEntity)
        case .success(let checked):
            let organisationID = model.organisationID
            try await request.db.transaction { database in
                let id = try await ResearchProjects.admit(checked, in: organisationID, by: principal.accountID, at: request.now, on: database)
                try await request.audit(.researchProjectAdmitted, subject: checked.researcherID, organisation: organisationID,
                                        target: "research-project:\(id)", purpose: .research, on: database)
            }
            return request.redirect(to: EvaluationRoute.research(organisation: organisationID).path + "?notice=admitted", redirectType: .normal)
        }
    }

    // MARK: Ending a project early

    /// The organisation's project named by `:project`; another organisation's is not found.
    private func ownProject(_ request: Request) async throws -> (ResearchProject, organisationID: UUID) {
        let organisationID = try request.uuid("organisation")
        guard let project = try await ResearchProjects.project(try request.uuid("project"), on: request.db),
              project.organisationID == organisationID
        else { throw KanssaError.notFound }
        return (project, organisationID)
    }

    @Sendable func confirmEnd(request: Request) async throws -> Response {
        let (project, organisationID) = try await ownProject(request)
        let timeZone = request.platform.config.timeZone
        guard !ResearchProjects.hasEnded(project, timeZone: timeZone, now: request.now),
              let line = try await ResearchProjects.line(of: project, timeZone: timeZone, now: request.now, on: request.db)
        else { return request.redirect(to: EvaluationRoute.research(organisation: organisationID).path, redirectType: .normal) }
        return ResearchPages.EndProjectView(organisationID: organisationID, project: line, chrome: request.chrome()).render().response()
    }

    @Sendable func end(request: Request) async throws -> Response {
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        let (project, organisationID) = try await ownProject(request)
        let timeZone = request.platform.config.timeZone
        let ended = try await request.db.transaction { database in
            guard let refused = try await ResearchProjects.end(project, by: principal.accountID, timeZone: timeZone, at: request.now,
                                                               on: database)
            else { return false }
            try await request.audit(.researchProjectEnded, subject: project.researcherID, organisation: organisationID,
                                    target: "research-project:\(try project.requireID())", purpose: .research, on: database)
            for export in refused {
                try await request.audit(.researchExportRefused, subject: export.requestedByID, organisation: organisationID,
                                        target: "research-export:\(export.id)", purpose: .research, on: database)
            }
            return true
        }
        // A second click finds it ended: the list says so without a notice.
        return request.redirect(to: EvaluationRoute.research(organisation: organisationID).path + (ended ? "?notice=ended" : ""),
                                redirectType: .normal)
    }

    private func listModel(_ request: Request) async throws -> ResearchPages.OrganisationModel {
        let organisation = try await request.organisation()
        let organisationID = try organisation.requireID()
        let mayAdmit = Policy.decide(.admitResearchers(organisationID), for: request.principal).isAllowed
        return ResearchPages.OrganisationModel(
            organisationID: organisationID, organisationName: organisation.name,
            projects: try await ResearchProjects.projects(of: organisationID, timeZone: request.platform.config.timeZone, now: request.now,
                                                          on: request.db),
            researchers: mayAdmit ? try await ResearchProjects.researchers(of: organisationID, on: request.db) : nil)
    }

    private func errors(_ list: ProblemList<ResearchProjects.Problem>, draft: ResearchProjects.Draft, _ t: Localizer) -> [FieldError] {
        list.problems.map { problem in
            let message = switch problem {
            case .name: t.textError(.errorResearchName, typed: draft.name, maxLength: ResearchProjects.longestName)
            case .purpose: t.textError(.errorResearchPurpose, typed: draft.purpose, maxLength: ResearchProjects.longestPurpose)
            case .researcher: t(.errorResearchResearcher)
            case .fields: t(.errorResearchFields)
            case .periodStart: t(.errorResearchPeriodStart)
            case .periodEnd: t(.errorResearchPeriodEnd)
            case .endsOn: t(.errorResearchEndsOn)
            }
            return FieldError(field: problem.rawValue, message: message)
        }
    }

    // MARK: One export, released or refused by a second person

    @Sendable func showExport(request: Request) async throws -> Response {
        var model = try await exportModel(request)
        model.notice = switch request.queryText("notice") {
        case "released": Notice(.success, request.localizer(.researchReleasedNotice))
        case "refused": Notice(.success, request.localizer(.researchRefusedNotice))
        case "decided": Notice(.info, request.localizer(.researchDecidedAlready))
        default: nil
        }
        return ResearchPages.ExportView(model: model, chrome: request.chrome()).render().response()
    }

    @Sendable func decide(request: Request) async throws -> Response {
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        let organisationID = try request.uuid("organisation")
        guard let (export, _) = try await ResearchProjects.export(try request.uuid("export"), of: organisationID, on: request.db) else {
            throw KanssaError.notFound
        }
        let release: Bool
        switch request.formFields(["decision"], limit: 100)["decision"] {
        case "release": release = true
        case "refuse": release = false
        default: throw KanssaError.unreadableForm
        }
        let decided = try await request.db.transaction { database in
            guard try await ResearchProjects.decide(export, release: release, by: principal.accountID, at: request.now, on: database) else { return false }
            try await request.audit(release ? .researchExportReleased : .researchExportRefused, subject: export.requestedByID,
                                    organisation: organisationID, target: "research-export:\(try export.requireID())", purpose: .research, on: database)
            return true
        }
        let notice = decided ? (release ? "released" : "refused") : "decided"
        return request.redirect(to: EvaluationRoute.researchExport(organisation: organisationID, export: try export.requireID()).path + "?notice=\(notice)",
                                redirectType: .normal)
    }

    private func exportModel(_ request: Request) async throws -> ResearchPages.ExportModel {
        let organisationID = try request.uuid("organisation")
        guard let (export, project) = try await ResearchProjects.export(try request.uuid("export"), of: organisationID, on: request.db),
              let line = try await ResearchProjects.line(of: project, timeZone: request.platform.config.timeZone, now: request.now,
                                                         on: request.db),
              let exportLine = line.exports.first(where: { $0.id == export.id })
        else { throw KanssaError.notFound }
        return ResearchPages.ExportModel(
            organisationID: organisationID, project: line, export: exportLine,
            summary: export.status == .requested
                ? try await ResearchProjects.summary(of: export, in: project, secret: request.platform.secret,
                                                     timeZone: request.platform.config.timeZone, on: request.db)
                : [],
            mayDecide: Policy.decide(.decideResearchExport(organisation: organisationID, requestedBy: export.requestedByID), for: request.principal)
                .isAllowed)
    }

    // MARK: The researcher's own

    @Sendable func own(request: Request) async throws -> Response {
        var model = try await ownModel(request)
        model.notice = request.queryText("notice") == "asked" ? Notice(.success, request.localizer(.researchAskedNotice)) : nil
        return ResearchPages.OwnView(model: model, chrome: request.chrome()).render().response()
    }

    @Sendable func request(request: Request) async throws -> Response {
        guard let principal = request.principal,
              let project = try await ResearchProjects.project(try request.uuid("project"), on: request.db)
        else { throw KanssaError.notFound }
        let projectID = try project.requireID()
        let fields = Array(((try? request.content.get([String].self, at: "fields-\(projectID)")) ?? []).prefix(20)).map { String($0.prefix(40)) }
        let outcome = try await request.db.transaction { database -> Result<UUID, ResearchProjects.RequestProblem> in
            let outcome = try await ResearchProjects.request(fields, in: project, by: principal.accountID, at: request.now, on: database)
            if case .success(let id) = outcome {
                try await request.audit(.researchExportRequested, organisation: project.organisationID, target: "research-export:\(id)",
                                        purpose: .research, on: database)
            }
            return outcome
        }
        switch outcome {
        case .success:
            return request.redirect(to: EvaluationRoute.ownResearch.path + "?notice=asked", redirectType: .normal)
        case .failure(let problem):
            var model = try await ownModel(request)
            model.error = (projectID, request.localizer(problem == .noneChosen ? .errorResearchNoneChosen : .errorResearchNotApproved))
            return ResearchPages.OwnView(model: model, chrome: request.chrome()).render().response(status: .unprocessableEntity)
        }
    }

    private func ownModel(_ request: Request) async throws -> ResearchPages.OwnModel {
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        let projects = try await ResearchProjects.projects(
            ofResearcher: principal.accountID, timeZone: request.platform.config.timeZone, now: request.now, on: request.db)
        // Only where they are a researcher still: an organisation that took the role away took the projects too.
        return ResearchPages.OwnModel(projects: projects.filter { project in
            Policy.decide(.useResearchProject(organisation: project.organisationID, researcher: principal.accountID, ended: false), for: principal)
                .isAllowed
        })
    }

    /// One table, made now: pseudonyms of the project, dates to the month unless approved
    /// otherwise, values fewer than five share held back.
    @Sendable func download(request: Request) async throws -> Response {
        guard let (export, project) = try await ResearchProjects.export(try request.uuid("export"), on: request.db),
              let field = request.parameters.get("field").flatMap(ResearchField.init(rawValue:)), export.tables.contains(field)
        else { throw KanssaError.notFound }
        let release = try await ResearchProjects.release(
            field, of: project, secret: request.platform.secret, timeZone: request.platform.config.timeZone, on: request.db)
        try await request.audit(.researchExportDownloaded, organisation: project.organisationID,
                                target: "research-export:\(try export.requireID()):\(field.rawValue)", purpose: .research)
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(field.rawValue).csv\"")
        headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return Response(status: .ok, headers: headers, body: .init(string: release.csv))
    }
}
