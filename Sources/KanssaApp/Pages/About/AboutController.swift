import Fluent
import KanssaCore
import Plot
import Vapor

/// The accessibility statement, privacy notice and help, public as the law asks; each
/// organisation's administrator writes its own or leaves Kanssa's default.
struct AboutController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.GET, "about", ":kind", access: .anyone, use: kanssas)
        routes.on(.GET, "organisations", ":organisation", "about", ":kind", access: .anyone, use: organisations)
        let administer = AccessRule.policy { .administerOrganisation(try $0.uuid("organisation")) }
        routes.on(.GET, "organisations", ":organisation", "about", ":kind", "edit", access: administer, use: edit)
        routes.on(.POST, "organisations", ":organisation", "about", ":kind", "edit", access: administer, use: save)
    }

    private func kind(_ request: Request) throws -> AboutPage {
        guard let kind = request.parameters.get("kind").flatMap(AboutPage.init(rawValue:)) else { throw KanssaError.notFound }
        return kind
    }

    @Sendable func kanssas(request: Request) async throws -> Response {
        let model = try await AboutPages.load(try kind(request), organisation: nil, viewer: request.principal, on: request.db)
        return AboutPages.View(model: model, chrome: request.chrome()).render().response()
    }

    @Sendable func organisations(request: Request) async throws -> Response {
        let organisation = try await request.organisation()
        var model = try await AboutPages.load(try kind(request), organisation: organisation, viewer: request.principal, on: request.db)
        // Just joined: welcomed on the privacy notice, with the way on to their home page.
        if model.kind == .privacy, request.query[String.self, at: "joined"] == "1",
           let principal = request.principal, principal.organisationIDs.contains(try organisation.requireID())
        {
            model.joined = Notice(.success, request.localizer(.joinedPrivacyNotice, ["organisation": organisation.name]))
        }
        return AboutPages.View(model: model, chrome: request.chrome()).render().response()
    }

    @Sendable func edit(request: Request) async throws -> Response {
        let organisation = try await request.organisation()
        let kind = try kind(request)
        let own = try await OrganisationPage.query(on: request.db).filter(\.$organisationID == organisation.requireID())
            .filter(\.$kind == kind).first()
        return AboutEditor(organisationID: try organisation.requireID(), kind: kind, text: own?.text ?? "", error: nil, chrome: request.chrome())
            .render().response()
    }

    @Sendable func save(request: Request) async throws -> Response {
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        let organisation = try await request.organisation()
        let organisationID = try organisation.requireID()
        let kind = try kind(request)
        let typed = String(((try? request.content.get(String.self, at: "text")) ?? "").prefix(OrganisationPage.longest + 100))
        let trimmed = typed.trimmingCharacters(in: .whitespacesAndNewlines)
        let text = trimmed.isEmpty ? "" : TypedText.clean(trimmed, maxLength: OrganisationPage.longest, multiline: true)
        guard let text else {
            let error = request.localizer.textError(.errorAboutText, typed: typed, maxLength: OrganisationPage.longest, multiline: true)
            return AboutEditor(organisationID: organisationID, kind: kind, text: typed, error: error, chrome: request.chrome())
                .render().response(status: .unprocessableEntity)
        }
        try await request.db.transaction { database in
            let existing = try await OrganisationPage.query(on: database).filter(\.$organisationID == organisationID).filter(\.$kind == kind).first()
            if text.isEmpty {
                try await existing?.delete(on: database)
            } else if let existing {
                existing.text = text
                existing.updatedByID = principal.accountID
                existing.updatedAt = request.now
                try await existing.save(on: database)
            } else {
                try await OrganisationPage(organisationID: organisationID, kind: kind, text: text, updatedByID: principal.accountID, at: request.now)
                    .create(on: database)
            }
            try await request.audit(.aboutPageChanged, organisation: organisationID, target: "about:\(kind.rawValue)",
                                    purpose: .organisationAdministration, on: database)
        }
        return request.redirect(to: SiteRoute.organisationAbout(organisationID, kind).path, redirectType: .normal)
    }
}

/// Where an administrator writes the organisation's own page; empty leaves Kanssa's default.
struct AboutEditor {
    let organisationID: UUID
    let kind: AboutPage
    let text: String
    let error: String?
    let chrome: Chrome

    func render() -> HTML {
        let t = chrome.t
        return Layout.page(
            title: t(.aboutEditTitle, ["title": AboutWords.title(kind, t)]), chrome: chrome,
            errors: error.map { [FieldError(field: "text", message: $0)] } ?? [],
            content: .div(
                .p(.txt(t(.aboutEditIntro))),
                .p(.a(.link(SiteRoute.about(kind).url), .txt(t(.aboutEditDefaultLink)))),
                .form(
                    .class("stack"), .method(.post), .link(SiteRoute.editAbout(organisationID, kind).url, as: "action"),
                    .attribute(named: "novalidate"),
                    Components.csrfField(chrome.csrfToken),
                    Components.textArea(name: "text", label: AboutWords.title(kind, t), value: text, hint: t(.aboutEditHint),
                                        error: error, required: false, maxLength: OrganisationPage.longest),
                    Components.submit(t(.saveButton))
                ),
                .p(.a(.link(SiteRoute.organisationAbout(organisationID, kind).url), .txt(t(.aboutEditBack))))
            )
        )
    }
}
