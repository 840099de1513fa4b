import Fluent
import KanssaCore
import Vapor

/// A person's notices and their choice of a daily e-mail: their own, so anyone signed in.
struct NoticesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.GET, "notices", access: .signedIn, use: list)
        routes.on(.GET, "me", "notices", access: .signedIn, use: settings)
        routes.on(.POST, "me", "notices", access: .signedIn, use: saveSettings)
        routes.on(.GET, "outbox", access: .signedIn, use: outbox)
    }

    /// Only where mail is kept instead of sent (`kanssa demo`); each person sees their own.
    @Sendable func outbox(request: Request) async throws -> Response {
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        guard let outbox = request.platform.outbox else { throw KanssaError.notFound }
        let address = try await Account.find(principal.accountID, on: request.db)?.email
        let model = OutboxPage.Model(address: address, mail: address.map { outbox.mail(to: $0) } ?? [])
        return OutboxPage.View(model: model, chrome: request.chrome()).render().response()
    }

    struct SettingsForm: Content {
        var byEmail: String?
        var email: String?
    }

    @Sendable func list(request: Request) async throws -> Response {
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        let page = ListPage(number: request.query[Int.self, at: "page"], size: NoticePages.perPage)
        var model = try await NoticePages.load(for: principal, page: page, t: request.localizer, now: request.now, on: request.db)
        model.hasOutbox = request.platform.outbox != nil
        request.state.unreadNotices = 0
        return NoticePages.View(model: model, chrome: request.chrome(current: .notices())).render().response()
    }

    @Sendable func settings(request: Request) async throws -> Response {
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        guard let account = try await Account.find(principal.accountID, on: request.db) else { throw KanssaError.notSignedIn }
        let model = NoticeSettings.Model(email: account.email ?? "", byEmail: account.noticesByEmail)
        return NoticeSettings.View(model: model, chrome: request.chrome()).render().response()
    }

    /// An address is needed only to be sent mail; an empty one with "no" forgets the address.
    @Sendable func saveSettings(request: Request) async throws -> Response {
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        let form = try request.content.decode(SettingsForm.self)
        let t = request.localizer
        let typed = String((form.email ?? "").prefix(NoticeSettings.longestAddress + 50))
        var model = NoticeSettings.Model(email: typed, byEmail: form.byEmail == "yes")
        if form.byEmail != "yes" && form.byEmail != "no" {
            model.errors.append(FieldError(field: "byEmail", message: t(.errorNoticeChoice)))
        }
        let blank = typed.trimmingCharacters(in: .whitespaces).isEmpty
        let address = blank ? nil : NoticeSettings.address(typed)
        if !blank && address == nil {
            model.errors.append(FieldError(field: "email", message: t(.errorEmailFormat)))
        } else if model.byEmail && blank {
            model.errors.append(FieldError(field: "email", message: t(.errorEmailNeeded)))
        }
        guard model.errors.isEmpty else {
            return NoticeSettings.View(model: model, chrome: request.chrome()).render().response(status: .unprocessableEntity)
        }
        try await Account.query(on: request.db).filter(\.$id == principal.accountID)
            .set(\.$email, to: address).set(\.$noticesByEmail, to: model.byEmail).update()
        try await request.audit(.personalDataChanged, subject: principal.accountID, target: "notices-by-email", purpose: .ownProfile)
        return request.redirect(to: SiteRoute.myInformation().path + "?notice=saved", redirectType: .normal)
    }
}
