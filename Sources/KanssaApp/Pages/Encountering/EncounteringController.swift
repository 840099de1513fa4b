import Encountering
import Fluent
import KanssaCore
import Learning
import Vapor

/// Encountering: coordinators set up service-user panels; co-trainers write, change and publish
/// their modules; staff who support them comment. Published modules are read across
/// organisations; drafts stay with the panel, its contact and the organisation's coordinators.
struct EncounteringController: RouteCollection {
    static func panel(_ action: @escaping @Sendable (PanelAccess) -> Action) -> AccessRule {
        .policy { request in
            guard let access = try await Panels.access(panelID: try request.uuid("panel"), on: request.db) else { throw KanssaError.notFound }
            return action(access)
        }
    }

    static func module(_ action: @escaping @Sendable (ModuleAccess) -> Action) -> AccessRule {
        .policy { request in
            guard let access = try await Modules.access(moduleID: try request.uuid("module"), on: request.db) else { throw KanssaError.notFound }
            return action(access)
        }
    }

    func boot(routes: any RoutesBuilder) throws {
        let manage = AccessRule.policy { .managePanels(try $0.uuid("organisation")) }
        routes.on(.GET, "organisations", ":organisation", "panels", access: manage, use: panels)
        routes.on(.POST, "organisations", ":organisation", "panels", access: manage, use: createPanel)
        routes.on(.GET, "encountering", access: .policy { _ in .useEncountering }, use: home)
        routes.on(.POST, "encountering", "panels", ":panel", "credit", access: Self.panel { .writeForPanel($0) }, use: credit)
        routes.on(.POST, "encountering", "panels", ":panel", "modules", access: Self.panel { .writeForPanel($0) }, use: startModule)
        let module = routes.grouped("encountering", "modules", ":module")
        module.on(.GET, access: Self.module { .readModule($0) }, use: show)
        module.on(.POST, access: Self.module { .writeModule($0) }, use: save)
        module.on(.POST, "sections", access: Self.module { .writeModule($0) }, use: addSection)
        module.on(.GET, "sections", ":section", access: Self.module { .writeModule($0) }, use: sectionEditor)
        module.on(.POST, "sections", ":section", access: Self.module { .writeModule($0) }, use: changeSection)
        module.on(.POST, "sections", ":section", "remove", access: Self.module { .writeModule($0) }, use: removeSection)
        module.on(.POST, "publish", access: Self.module { .writeModule($0) }, use: publish)
        module.on(.POST, "comments", access: Self.module { .commentOnModule($0) }, use: comment)
        module.on(.POST, "adaptations", ":panel", access: .policy { request in
            guard let module = try await Modules.access(moduleID: try request.uuid("module"), on: request.db),
                let panel = try await Panels.access(panelID: try request.uuid("panel"), on: request.db)
            else { throw KanssaError.notFound }
            return .adaptModule(module, into: panel)
        }, use: adapt)
    }

    // MARK: Panels

    struct PanelForm: Content {
        var name: String?
        var contact: String?
        var members: [String]?
    }

    @Sendable func panels(request: Request) async throws -> Response {
        var model = try await PanelList.load(organisation: try await request.organisation(), on: request.db)
        if request.query[String.self, at: "notice"] == "created" { model.notice = Notice(.success, request.localizer(.panelCreatedNotice)) }
        return PanelList.View(model: model, chrome: request.chrome()).render().response()
    }

    @Sendable func createPanel(request: Request) async throws -> Response {
        let organisationID = try request.uuid("organisation")
        let form = (try? request.content.decode(PanelForm.self)) ?? PanelForm()
        var model = try await PanelList.load(organisation: try await request.organisation(), on: request.db)
        let members = Array((form.members ?? []).prefix(100))
        switch Panels.check(name: String((form.name ?? "").prefix(300)), contact: form.contact ?? "", members: members,
                            coTrainers: model.coTrainers, staff: model.staff) {
        case .failure(let list):
            let t = request.localizer
            model.draft = ["name": String((form.name ?? "").prefix(300)), "contact": form.contact ?? ""]
            model.draftMembers = Set(members)
            model.errors = list.problems.map { problem in
                let message = switch problem {
                case .name: t.textError(.errorPanelName, typed: form.name, maxLength: 100)
                case .contact: t(.errorPanelContact)
                case .members: t(.errorPanelMembers)
                }
                return FieldError(field: problem.rawValue, message: message)
            }
            return PanelList.View(model: model, chrome: request.chrome()).render().response(status: .unprocessableEntity)
        case .success(let setup):
            let panelID = try await Panels.create(setup, organisationID: organisationID, at: request.now, on: request.db)
            try await request.audit(.panelCreated, organisation: organisationID, target: "panel:\(panelID)", purpose: .encountering)
            return request.redirect(to: EncounteringRoute.panels(organisation: organisationID).path + "?notice=created", redirectType: .normal)
        }
    }

    // MARK: Home

    @Sendable func home(request: Request) async throws -> Response {
        let notice: MessageKey? = switch request.query[String.self, at: "notice"] {
        case "credit": .panelCreditSavedNotice
        default: nil
        }
        return try await homePage(request, notice: notice.map { Notice(.success, request.localizer($0)) })
    }

    @Sendable func credit(request: Request) async throws -> Response {
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        let panelID = try request.uuid("panel")
        let field = "credit-\(panelID)"
        let typed = (try? request.content.get(String.self, at: field)).map { String($0.prefix(200)) } ?? ""
        guard try await Panels.setCreditName(typed, for: principal.accountID, in: panelID, on: request.db) else {
            return try await homePage(request, draft: [field: typed],
                                      errors: [FieldError(field: field, message: request.localizer.textError(
                                          .errorPanelCreditName, typed: typed, maxLength: 60))])
        }
        try await request.audit(.personalDataChanged, subject: principal.accountID, target: "panel:\(panelID):credit-name", purpose: .encountering)
        return request.redirect(to: EncounteringRoute.home.path + "?notice=credit", redirectType: .normal)
    }

    @Sendable func startModule(request: Request) async throws -> Response {
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        guard case .writeForPanel(let panel) = request.state.allowedAction else { throw KanssaError.forbidden }
        let id = panel.panelID
        // The panel's own form on a page that may hold several: its fields carry its id.
        let typed = request.formFields(["title-\(id)", "summary-\(id)", "language-\(id)"], limit: 1200)
        let fields = ["title": typed["title-\(id)"], "summary": typed["summary-\(id)"], "language": typed["language-\(id)"]]
            .compactMapValues { $0 }
        switch Modules.check(fields, languages: Self.languageCodes(request)) {
        case .failure(let list):
            let t = request.localizer
            let errors = list.problems.map { FieldError(field: "\($0.rawValue)-\(id)", message: Self.message(for: $0, in: fields, t)) }
            return try await homePage(request, draft: fields.reduce(into: [:]) { $0["\($1.key)-\(id)"] = $1.value }, errors: errors)
        case .success(let draft):
            let moduleID = try await Modules.create(draft, panel: panel, by: principal.accountID, at: request.now, on: request.db)
            try await request.audit(.personalDataChanged, organisation: panel.organisationID, target: "module:\(moduleID):started",
                                    purpose: .encountering)
            return request.redirect(to: EncounteringRoute.module(moduleID).path + "?notice=started", redirectType: .normal)
        }
    }

    /// What to do about one problem with a module's title, summary, language or licence.
    static func message(for problem: Modules.DraftProblem, in fields: [String: String], _ t: Localizer) -> String {
        switch problem {
        case .title: t.textError(.errorModuleTitle, typed: fields["title"], maxLength: Modules.titleLength)
        case .summary: t.textError(.errorModuleSummary, typed: fields["summary"], maxLength: Modules.summaryLength, multiline: true)
        case .language: t(.errorModuleLanguage)
        case .licence: t(.errorModuleLicence)
        }
    }

    // MARK: A module

    @Sendable func show(request: Request) async throws -> Response {
        let notice: MessageKey? = switch request.query[String.self, at: "notice"] {
        case "started": .moduleStartedNotice
        case "saved": .moduleSavedNotice
        case "section": .sectionAddedNotice
        case "removed": .sectionRemovedNotice
        case "published": .modulePublishedNotice
        case "commented": .moduleCommentedNotice
        case "adapted": .moduleAdaptedNotice
        case "section-changed": .sectionChangedNotice
        default: nil
        }
        // A changed section's notice is told beside it, where the redirect's fragment brings them back.
        let changed = notice == .sectionChangedNotice ? request.query[String.self, at: "section"].flatMap(UUID.init(uuidString:)) : nil
        return try await Self.modulePage(request, notice: notice.map { Notice(.success, request.localizer($0)) }, noticeAt: changed)
    }

    @Sendable func save(request: Request) async throws -> Response {
        let access = try allowedModule(request)
        let fields = request.formFields(["title", "summary", "language", "licence"], limit: 1200)
        switch Modules.check(fields, languages: Self.languageCodes(request)) {
        case .failure(let list):
            let t = request.localizer
            let errors = list.problems.map { FieldError(field: $0.rawValue, message: Self.message(for: $0, in: fields, t)) }
            return try await Self.modulePage(request, draft: fields, errors: errors)
        case .success(let draft):
            guard let version = Int(request.formFields(["version"], limit: 12)["version"] ?? ""),
                try await Modules.update(access.moduleID, with: draft, expectedVersion: version, at: request.now, on: request.db) == .saved
            else {
                return try await Self.modulePage(request, notice: Notice(.error, request.localizer(.moduleChangedMeanwhile)), status: .conflict)
            }
            try await request.audit(.personalDataChanged, organisation: access.panel.organisationID, target: "module:\(access.moduleID)",
                                    purpose: .encountering)
            return request.redirect(to: EncounteringRoute.module(access.moduleID).path + "?notice=saved", redirectType: .normal)
        }
    }

    @Sendable func addSection(request: Request) async throws -> Response {
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        let access = try allowedModule(request)
        let fields = request.formFields(["kind", "section-title", "body", "instrument"], limit: Modules.bodyLength + 100)
        let instruments = try await InstrumentLibrary.available(to: [access.panel.organisationID], bundled: request.platform.instruments,
                                                                on: request.db)
        switch Modules.checkSection(fields, instruments: Array(instruments.keys)) {
        case .failure(let list):
            let t = request.localizer
            return try await Self.modulePage(request, draft: fields, errors: Self.sectionErrors(list.problems, fields, t))
        case .success(let draft):
            try await Modules.addSection(draft, to: access.moduleID, by: principal.accountID, at: request.now, on: request.db)
            try await request.audit(.personalDataChanged, organisation: access.panel.organisationID, target: "module:\(access.moduleID):section",
                                    purpose: .encountering)
            return request.redirect(to: EncounteringRoute.module(access.moduleID).path + "?notice=section", redirectType: .normal)
        }
    }

    @Sendable func sectionEditor(request: Request) async throws -> Response {
        let access = try allowedModule(request)
        return try await Self.sectionPage(request, access: access, notice: request.query[String.self, at: "notice"] == "saved"
            ? Notice(.success, request.localizer(.sectionSavedNotice)) : nil)
    }

    /// A section's words changed in place, the earlier wording kept; its kind stays as it was.
    @Sendable func changeSection(request: Request) async throws -> Response {
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        let access = try allowedModule(request)
        let sectionID = try request.uuid("section")
        guard let section = try await Modules.section(sectionID, of: access.moduleID, on: request.db) else { throw KanssaError.notFound }
        var fields = request.formFields(["section-title", "body", "instrument", "version"], limit: Modules.bodyLength + 100)
        fields["kind"] = section.kind
        let instruments = try await InstrumentLibrary.available(to: [access.panel.organisationID], bundled: request.platform.instruments,
                                                                on: request.db)
        switch Modules.checkSection(fields, instruments: Array(instruments.keys)) {
        case .failure(let list):
            return try await Self.sectionPage(request, access: access, draft: fields, errors: Self.sectionErrors(list.problems, fields, request.localizer))
        case .success(let draft):
            switch try await Modules.changeSection(sectionID, of: access.moduleID, to: draft, expectedVersion: Int(fields["version"] ?? "") ?? -1,
                                                   by: principal.accountID, at: request.now, on: request.db) {
            case .notFound: throw KanssaError.notFound
            case .changedMeanwhile:
                return try await Self.sectionPage(request, access: access, draft: fields,
                                                  notice: Notice(.error, request.localizer(.sectionChangedMeanwhile)), status: .conflict)
            case .saved:
                try await request.audit(.personalDataChanged, organisation: access.panel.organisationID,
                                        target: "module:\(access.moduleID):section:\(sectionID)", purpose: .encountering)
                return request.redirect(to: EncounteringRoute.module(access.moduleID).path + "?notice=section-changed&section=\(sectionID)#section-\(sectionID)",
                                        redirectType: .normal)
            }
        }
    }

    static func sectionErrors(_ problems: [Modules.SectionProblem], _ fields: [String: String], _ t: Localizer) -> [FieldError] {
        problems.map { problem in
            switch problem {
            case .kind: FieldError(field: "kind", message: t(.errorSectionKind))
            case .title:
                FieldError(field: "section-title", message: t.textError(
                    .errorSectionTitle, typed: fields["section-title"], maxLength: Modules.titleLength))
            case .body:
                FieldError(field: "body", message: t.textError(
                    .errorSectionBody, typed: fields["body"], maxLength: Modules.bodyLength, multiline: true))
            case .instrument: FieldError(field: "instrument", message: t(.errorSectionInstrument))
            }
        }
    }

    static func sectionPage(
        _ request: Request, access: ModuleAccess, draft: [String: String] = [:], errors: [FieldError] = [], notice: Notice? = nil,
        status: HTTPResponseStatus? = nil
    ) async throws -> Response {
        let instruments = try await InstrumentLibrary.available(to: [access.panel.organisationID], bundled: request.platform.instruments,
                                                                on: request.db)
        guard var model = try await SectionEditor.load(section: try request.uuid("section"), of: access, instruments: instruments, on: request.db)
        else { throw KanssaError.notFound }
        model.draft = draft
        model.errors = errors
        model.notice = notice
        return SectionEditor.View(model: model, chrome: request.chrome()).render()
            .response(status: status ?? (errors.isEmpty ? .ok : .unprocessableEntity))
    }

    /// Removing a section asks first: the words are gone for good.
    @Sendable func removeSection(request: Request) async throws -> Response {
        let access = try allowedModule(request)
        let sectionID = try request.uuid("section")
        guard (try? request.content.get(String.self, at: "confirm")) == "yes" else {
            guard try await ModuleSection.query(on: request.db).filter(\.$id == sectionID).filter(\.$moduleID == access.moduleID).count() > 0
            else { throw KanssaError.notFound }
            return try await Self.modulePage(request, confirmRemoval: sectionID)
        }
        guard try await Modules.removeSection(sectionID, of: access.moduleID, at: request.now, on: request.db)
        else { throw KanssaError.notFound }
        try await request.audit(.personalDataChanged, organisation: access.panel.organisationID, target: "module:\(access.moduleID):section-removed",
                                purpose: .encountering)
        return request.redirect(to: EncounteringRoute.module(access.moduleID).path + "?notice=removed", redirectType: .normal)
    }

    @Sendable func publish(request: Request) async throws -> Response {
        let access = try allowedModule(request)
        guard (try? request.content.get([String].self, at: "reviewed"))?.contains("yes") == true else {
            return try await Self.modulePage(request, errors: [FieldError(field: "reviewed", message: request.localizer(.errorModulePublishConfirm))])
        }
        guard try await Modules.publish(access, at: request.now, on: request.db) else {
            return try await Self.modulePage(request, errors: [FieldError(field: "reviewed", message: request.localizer(.errorModuleNothingToPublish))])
        }
        try await request.audit(.modulePublished, organisation: access.panel.organisationID, target: "module:\(access.moduleID)",
                                purpose: .encountering)
        return request.redirect(to: EncounteringRoute.module(access.moduleID).path + "?notice=published", redirectType: .normal)
    }

    @Sendable func comment(request: Request) async throws -> Response {
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        let access = try allowedModule(request)
        let typed = (try? request.content.get(String.self, at: "comment")).map { String($0.prefix(2100)) } ?? ""
        guard let text = TypedText.clean(typed, maxLength: 2000, multiline: true) else {
            return try await Self.modulePage(request, draft: ["comment": typed],
                                        errors: [FieldError(field: "comment", message: request.localizer.textError(
                                            .errorModuleComment, typed: typed, maxLength: 2000, multiline: true))])
        }
        try await ModuleComment(moduleID: access.moduleID, authorID: principal.accountID, text: text, at: request.now).create(on: request.db)
        try await request.audit(.personalDataChanged, organisation: access.panel.organisationID, target: "module:\(access.moduleID):comment",
                                purpose: .encountering)
        return request.redirect(to: EncounteringRoute.module(access.moduleID).path + "?notice=commented", redirectType: .normal)
    }

    /// Adapting: a draft copy for the panel, with the original's sections and credits.
    @Sendable func adapt(request: Request) async throws -> Response {
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        guard case .adaptModule(let source, let panel) = request.state.allowedAction else { throw KanssaError.forbidden }
        guard let copyID = try await Modules.adapt(source, into: panel, by: principal.accountID, at: request.now, on: request.db) else {
            return try await Self.modulePage(request, notice: Notice(.error, request.localizer(.moduleAdaptRefused)), status: .conflict)
        }
        try await request.audit(.moduleAdapted, organisation: panel.organisationID, target: "module:\(copyID):from:\(source.moduleID)",
                                purpose: .encountering)
        return request.redirect(to: EncounteringRoute.module(copyID).path + "?notice=adapted", redirectType: .normal)
    }

    // MARK: Helpers

    private func allowedModule(_ request: Request) throws -> ModuleAccess {
        switch request.state.allowedAction {
        case .readModule(let access), .writeModule(let access), .commentOnModule(let access): return access
        default: throw KanssaError.forbidden  // no module rule ran: fail closed
        }
    }

    private static func languages(_ request: Request) -> [Chrome.LanguageChoice] {
        // A module may be written in any language people write, not only those Kanssa's pages are in.
        ContentLanguages.all.map { Chrome.LanguageChoice(code: $0.code, name: $0.name) }
    }

    private static func languageCodes(_ request: Request) -> [String] { Self.languages(request).map(\.code) }

    private func homePage(
        _ request: Request, draft: [String: String] = [:], errors: [FieldError] = [], notice: Notice? = nil
    ) async throws -> Response {
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        var model = try await EncounteringHome.load(principal: principal, languages: Self.languages(request),
                                                    page: ListPage(number: request.query[Int.self, at: "page"]), on: request.db)
        try await EncounteringHome.loadSessions(into: &model, principal: principal, now: request.now, on: request.db)
        model.draft = draft
        model.errors = errors
        model.notice = notice
        return EncounteringHome.View(model: model, chrome: request.chrome()).render()
            .response(status: errors.isEmpty ? .ok : .unprocessableEntity)
    }

    static func modulePage(
        _ request: Request, draft: [String: String] = [:], errors: [FieldError] = [], notice: Notice? = nil, status: HTTPResponseStatus? = nil,
        confirmRemoval: UUID? = nil, noticeAt: UUID? = nil
    ) async throws -> Response {
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        // Read afresh: a change just made, or made meanwhile, shows.
        guard let access = try await Modules.access(moduleID: try request.uuid("module"), on: request.db) else { throw KanssaError.notFound }
        let instruments = try await InstrumentLibrary.available(to: [access.panel.organisationID], bundled: request.platform.instruments,
                                                                on: request.db)
        guard var model = try await ModulePage.load(access, viewer: principal, instruments: instruments, languages: Self.languages(request), now: request.now,
                                                    on: request.db)
        else { throw KanssaError.notFound }
        model.draft = draft
        model.errors = errors
        model.notice = notice
        model.confirmRemoval = confirmRemoval
        model.noticeAt = noticeAt.flatMap { id in model.sections.contains { $0.id == id } ? id : nil }
        return ModulePage.View(model: model, chrome: request.chrome()).render()
            .response(status: status ?? (errors.isEmpty ? .ok : .unprocessableEntity))
    }
}
