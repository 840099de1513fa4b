import Fluent
import KanssaCore
import Listening
import Plot
import Vapor

/// The public pages where anyone answers a consultation, without an account: one question a
/// screen, answers kept as they are given and changeable until it closes. A respondent is known
/// only by a private code in a cookie for that one consultation, so their answers link within it
/// and never across; a signed-in person answers the same way, their account not stored.
struct AnsweringController: RouteCollection {
    static let cookieName = "kanssa_respondent"
    /// The language a respondent picked for one consultation's texts.
    static let languageCookie = "kanssa_asked_in"
    /// How long the private code's cookie lasts: long enough to take back a consent months later.
    static let cookieLifetime = 180 * 24 * 3600

    func boot(routes: any RoutesBuilder) throws {
        routes.on(.GET, "c", access: .anyone, use: typeCode)
        let c = routes.grouped("c", ":code")
        c.on(.GET, access: .anyone, use: welcome)
        c.on(.GET, "about", access: .anyone, use: aboutYou)
        c.on(.POST, "about", access: .anyone, use: saveAboutYou)
        c.on(.GET, "q", ":question", access: .anyone, use: question)
        c.on(.POST, "q", ":question", access: .anyone, use: saveAnswer)
        c.on(.GET, "answers", access: .anyone, use: yours)
        c.on(.POST, "answers", ":question", "consent", access: .anyone, use: saveConsent)
        c.on(.POST, "contact", access: .signedIn, use: saveContact)
        c.on(.GET, "return", access: .anyone, use: comeBack)
        c.on(.POST, "return", access: .anyone, use: useCode)
    }

    // MARK: Finding the consultation and the respondent

    /// A consultation as its respondent sees it, with their private code (made now when they
    /// have none and it is open: it is sent with the page, and counts only once they answer).
    private struct Visit {
        let consultation: Consultation
        let context: AnswerScreens.Context
        let privateCode: InvitationCode?
        let isNewCode: Bool
        let digest: String?
        /// Set when the respondent picked a language with this request.
        let pickedLanguage: String?
        /// Who they are, once they gave something.
        let respondentID: UUID?
        /// Whom a signed-in respondent asked the team to contact, if they did.
        var contactAccountID: UUID?

        var consultationID: UUID { consultation.id! }
    }

    /// Two queries when the consultation's form is kept: its form revision, and the respondent
    /// with their answers.
    private func visit(_ request: Request) async throws -> Visit {
        guard let typed = request.parameters.get("code"), let code = ConsultationCode(typed: typed), code.value == typed,
              let form = try await request.platform.consultations.questionnaire(code, on: request.db),
              let consultationID = form.consultation.id
        else { throw KanssaError.notFound }
        let consultation = form.consultation
        var privateCode = request.sentCookies[Self.cookieName].flatMap { InvitationCode(typed: $0.string) }
        var isNew = false
        if privateCode == nil, consultation.state == .open {
            privateCode = InvitationCode.random(using: request.platform.dependencies.randomBytes)
            isNew = true
        }
        let digest = privateCode.map { Self.digest($0, consultationID, request) }
        let respondent = try await digest.asyncFlatMap { try await Answers.found($0, in: consultationID, on: request.db) }
        let asked = request.queryText("lang").flatMap { consultation.languageList.contains($0) ? $0 : nil }
        // A language the person chose in Kanssa comes before their browser's.
        let preferred = [request.principal?.language, request.sentCookies[CookieName.language]?.string].compactMap { $0 }
            + request.headers[.acceptLanguage].flatMap { $0.split(separator: ",") }
            .map { String($0.split(separator: ";").first ?? "").trimmingCharacters(in: .whitespaces) }
        let language = Translations.language(for: consultation, picked: asked ?? request.sentCookies[Self.languageCookie]?.string,
                                             preferred: preferred)
        return Visit(consultation: consultation,
                     context: .init(consultation: consultation, code: code, questions: form.questions, given: respondent?.given ?? [:],
                                    wording: form.wording(in: language)),
                     privateCode: privateCode, isNewCode: isNew, digest: digest, pickedLanguage: asked,
                     respondentID: respondent?.respondentID, contactAccountID: respondent?.contactAccountID)
    }

    /// Keyed with the consultation, so that one code names nobody in another consultation.
    static func digest(_ code: InvitationCode, _ consultationID: UUID, _ request: Request) -> String {
        request.platform.secret.digest(consultationID.uuidString + ":" + code.value, purpose: "respondent")
    }

    /// A page, with the private code's cookie when it was made for it.
    private func page(_ html: HTML, _ visit: Visit, _ request: Request, status: HTTPResponseStatus = .ok) -> Response {
        let response = html.response(status: status)
        if visit.isNewCode, let code = visit.privateCode { setCode(code, on: response, visit.context.code, request) }
        if let language = visit.pickedLanguage {
            response.cookies[Self.languageCookie] = request.cookie(language, maxAge: Self.cookieLifetime, path: visit.context.code.path)
        }
        return response
    }

    private func setCode(_ code: InvitationCode, on response: Response, _ consultation: ConsultationCode, _ request: Request) {
        response.cookies[Self.cookieName] = request.cookie(code.value, maxAge: Self.cookieLifetime, path: consultation.path)
    }

    private func question(_ request: Request, _ visit: Visit) throws -> Questions.Line {
        guard let position = request.parameters.get("question", as: Int.self),
              let question = visit.context.questions.first(where: { $0.position == position })
        else { throw KanssaError.notFound }
        return question
    }

    /// Holds back an address sending forms faster than people do; nil when this one may pass.
    private func throttled(_ request: Request, _ visit: Visit, _ html: () -> HTML) -> Response? {
        let address = request.clientAddress ?? "unknown"
        guard let retryAt = request.platform.answerThrottle.admit([
            (address + "|" + visit.consultationID.uuidString, AnswerThrottle.addressInConsultation),
            (address, AnswerThrottle.address),
        ], now: request.now) else { return nil }
        request.platform.metrics.refused("answers-throttled")
        return TooManyTries.response(html(), until: retryAt, now: request.now)
    }

    private func tooMany(_ visit: Visit, _ request: Request) -> HTML {
        AnswerScreens.ComeBack(context: visit.context, notice: Notice(.error, request.localizer(.errorTooManyAnswers)), chrome: request.chrome())
            .render()
    }

    // MARK: Pages

    @Sendable func typeCode(request: Request) async throws -> Response {
        let typed = String((request.queryText("code") ?? "").prefix(20))
        guard !typed.isEmpty else { return AnswerScreens.TypeCode(chrome: request.chrome()).render().response() }
        guard let code = ConsultationCode(typed: typed), try await Answers.consultation(code, on: request.db) != nil else {
            return AnswerScreens.TypeCode(typed: typed, error: request.localizer(.errorConsultationCode), chrome: request.chrome())
                .render().response(status: .notFound)
        }
        return request.redirect(to: ListeningRoute.respond(code).path, redirectType: .normal)
    }

    @Sendable func welcome(request: Request) async throws -> Response {
        // A code typed in lower case or with its dash still finds the consultation.
        if let typed = request.parameters.get("code"), let code = ConsultationCode(typed: typed), code.value != typed {
            return request.redirect(to: ListeningRoute.respond(code).path, redirectType: .permanent)
        }
        let visit = try await visit(request)
        return page(AnswerScreens.Welcome(context: visit.context, chrome: request.chrome()).render(), visit, request)
    }

    @Sendable func aboutYou(request: Request) async throws -> Response {
        let visit = try await visit(request)
        guard visit.context.state == .open, !visit.context.groups.isEmpty else {
            return request.redirect(to: ListeningRoute.respond(visit.context.code).path, redirectType: .normal)
        }
        let picked = try await visit.digest.asyncFlatMap { try await Answers.respondent($0, in: visit.consultationID, on: request.db) }?
            .groupList ?? []
        return page(AnswerScreens.AboutYou(context: visit.context, picked: picked, chrome: request.chrome()).render(), visit, request)
    }

    struct GroupsForm: Content {
        var groups: [String]?
    }

    @Sendable func saveAboutYou(request: Request) async throws -> Response {
        let visit = try await visit(request)
        guard let digest = visit.digest, !visit.isNewCode else { return try await noCode(request, visit) }
        if let refused = throttled(request, visit, { tooMany(visit, request) }) { return refused }
        let typed = Array(((try? request.content.decode(GroupsForm.self))?.groups ?? []).prefix(Consultations.mostGroups + 5))
        guard let groups = Answers.checkGroups(typed, of: visit.consultation) else {
            return page(AnswerScreens.AboutYou(context: visit.context, picked: [], error: request.localizer(.errorAnswerGroups),
                                               chrome: request.chrome()).render(), visit, request, status: .unprocessableEntity)
        }
        do {
            try await Answers.saveGroups(groups, in: visit.consultation, codeDigest: digest, language: visit.context.wording.language,
                                           at: request.now, on: request.db)
        } catch ListeningError.notOpen {
            return closed(request, visit)
        }
        let first = visit.context.asked.first.map { ListeningRoute.answer(visit.context.code, question: $0.position).path }
        return request.redirect(to: first ?? ListeningRoute.yourAnswers(visit.context.code).path, redirectType: .normal)
    }

    @Sendable func question(request: Request) async throws -> Response {
        let visit = try await visit(request)
        let question = try question(request, visit)
        guard visit.context.state == .open else {
            return request.redirect(to: ListeningRoute.yourAnswers(visit.context.code).path, redirectType: .normal)
        }
        guard Answers.isAsked(question, among: visit.context.questions, given: visit.context.given) else {
            return request.redirect(to: visit.context.next(after: question.position).value, redirectType: .normal)
        }
        return page(AnswerScreens.Screen(context: visit.context, question: question, typed: .init(visit.context.given[question.id]),
                                         chrome: request.chrome()).render(), visit, request)
    }

    struct AnswerForm: Content {
        var choice: String?
        var choices: [String]?
        var scale: String?
        var text: String?
        var consent: [String]?
        var skip: String?

        init() {}

        init(_ fields: FormFields) {
            (choice, scale, text, skip) = (fields.first("choice"), fields.first("scale"), fields.first("text"), fields.first("skip"))
            (choices, consent) = (fields.all("choices"), fields.all("consent"))
        }

        func typed(_ kind: QuestionKind) -> Answers.Typed {
            let consents = Set((consent ?? []).prefix(5))
            return Answers.Typed(
                choices: Array(((kind == .singleChoice ? choice.map { [$0] } : choices) ?? []).prefix(Questions.mostChoices + 5)),
                scale: String((scale ?? "").prefix(10)), text: String((text ?? "").prefix(Answers.longest(kind) + 100)),
                consentQuote: consents.contains("quote"), consentPublish: consents.contains("publish"),
                consentTraining: consents.contains("training"))
        }
    }

    @Sendable func saveAnswer(request: Request) async throws -> Response {
        let visit = try await visit(request)
        let question = try question(request, visit)
        guard let digest = visit.digest, !visit.isNewCode else { return try await noCode(request, visit) }
        if let refused = throttled(request, visit, { tooMany(visit, request) }) { return refused }
        let form = FormFields(request).map(AnswerForm.init) ?? (try? request.content.decode(AnswerForm.self)) ?? AnswerForm()
        let typed = form.skip == nil ? form.typed(question.kind) : Answers.Typed()
        switch Answers.check(typed, for: question, among: visit.context.questions, given: visit.context.given) {
        case .failure(.condition):
            return request.redirect(to: visit.context.next(after: question.position).value, redirectType: .normal)
        case .failure(let problem):
            let message = AnswerControls.message(problem, question, typed: typed.text, request.localizer)
            return page(AnswerScreens.Screen(context: visit.context, question: question, typed: typed, error: message, chrome: request.chrome())
                .render(), visit, request, status: .unprocessableEntity)
        case .success(let given):
            do {
                try await Answers.save(given, to: question, among: visit.context.questions, in: visit.consultation, codeDigest: digest,
                                         respondentID: visit.respondentID, language: visit.context.wording.language, at: request.now, on: request.db)
            } catch ListeningError.notOpen {
                return closed(request, visit)
            }
            var answers = visit.context.given
            answers[question.id] = given
            let after = AnswerScreens.Context(consultation: visit.consultation, code: visit.context.code, questions: visit.context.questions,
                                              given: answers)
            let next = after.next(after: question.position)
            let done = next.value == ListeningRoute.yourAnswers(visit.context.code).path
            return request.redirect(to: (next.value) + (done ? "?notice=saved" : ""), redirectType: .normal)
        }
    }

    @Sendable func yours(request: Request) async throws -> Response {
        let visit = try await visit(request)
        let t = request.localizer
        let notice: Notice? = switch request.queryText("notice") {
        case "saved": Notice(.success, t(.answerSavedNotice))
        case "consent": Notice(.success, t(.answerConsentSavedNotice))
        case "found": Notice(.success, t(.answerFoundNotice))
        case "contact": Notice(.success, t(.answerContactSavedNotice))
        default: nil
        }
        let code = visit.context.given.isEmpty ? nil : visit.privateCode?.display
        // Offered to a signed-in person who has answered: whether the team may contact them.
        let contact = request.principal.flatMap { principal in visit.context.given.isEmpty ? nil : visit.contactAccountID == principal.accountID }
        return page(AnswerScreens.Yours(context: visit.context, privateCode: code, notice: notice, contact: contact, chrome: request.chrome())
            .render(), visit, request)
    }

    /// A signed-in respondent asks the team to contact them about their answers, or no longer.
    @Sendable func saveContact(request: Request) async throws -> Response {
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        let visit = try await visit(request)
        guard let digest = visit.digest, !visit.isNewCode else { return try await noCode(request, visit) }
        let wanted = (try? request.content.get(String.self, at: "contact")) == "yes"
        do {
            try await Answers.contact(wanted ? principal.accountID : nil, codeDigest: digest, in: visit.consultationID, on: request.db)
        } catch ListeningError.nothingGiven {
            return try await noCode(request, visit)
        }
        return request.redirect(to: ListeningRoute.yourAnswers(visit.context.code).path + "?notice=contact", redirectType: .normal)
    }

    @Sendable func saveConsent(request: Request) async throws -> Response {
        let visit = try await visit(request)
        let question = try question(request, visit)
        guard let digest = visit.digest, !visit.isNewCode, question.kind == .story else { return try await noCode(request, visit) }
        if let refused = throttled(request, visit, { tooMany(visit, request) }) { return refused }
        let consents = Set(((try? request.content.get([String].self, at: AnswerScreens.Yours.consentField(question))) ?? []).prefix(5))
        do {
            try await Answers.changeConsent(
                of: question.id, quote: consents.contains("quote"), publish: consents.contains("publish"), training: consents.contains("training"),
                in: visit.consultation, codeDigest: digest, at: request.now, on: request.db)
        } catch ListeningError.notFound {
            return try await noCode(request, visit)
        }
        return request.redirect(to: ListeningRoute.yourAnswers(visit.context.code).path + "?notice=consent", redirectType: .normal)
    }

    @Sendable func comeBack(request: Request) async throws -> Response {
        let visit = try await visit(request)
        return page(AnswerScreens.ComeBack(context: visit.context, chrome: request.chrome()).render(), visit, request)
    }

    struct CodeForm: Content {
        var privateCode: String?
    }

    /// Another device, or cleared cookies: the private code written down brings the answers back.
    /// Wrong codes slow the address down, as invitation codes do.
    @Sendable func useCode(request: Request) async throws -> Response {
        let visit = try await visit(request)
        let typed = String(((try? request.content.decode(CodeForm.self))?.privateCode ?? "").prefix(20))
        let t = request.localizer
        let throttle = LoginThrottle(request: request)
        let key = throttle.addressKey("respondent-code")
        if let retryAt = try await throttle.retryAt([key]) {
            let html = AnswerScreens.ComeBack(context: visit.context, typed: typed,
                                              notice: Notice(.error, TooManyTries.message(until: retryAt, now: request.now, t)),
                                              chrome: request.chrome()).render()
            return TooManyTries.response(html, until: retryAt, now: request.now)
        }
        guard let code = InvitationCode(typed: typed),
              try await Answers.respondent(Self.digest(code, visit.consultationID, request), in: visit.consultationID, on: request.db) != nil
        else {
            try await throttle.recordFailure([key])
            return AnswerScreens.ComeBack(context: visit.context, typed: typed, error: t(.errorPrivateCode), chrome: request.chrome())
                .render().response(status: .unprocessableEntity)
        }
        let response = request.redirect(to: ListeningRoute.yourAnswers(visit.context.code).path + "?notice=found", redirectType: .normal)
        setCode(code, on: response, visit.context.code, request)
        return response
    }

    /// A form sent without the private code this consultation gave (cookies off, or another
    /// consultation's page): nothing is stored, and the welcome says how to go on.
    private func noCode(_ request: Request, _ visit: Visit) async throws -> Response {
        guard visit.context.state == .open else { return closed(request, visit) }
        let html = AnswerScreens.ComeBack(context: visit.context, notice: Notice(.error, request.localizer(.errorAnswerNoCode)),
                                          chrome: request.chrome()).render()
        return page(html, visit, request, status: .conflict)
    }

    private func closed(_ request: Request, _ visit: Visit) -> Response {
        let html = AnswerScreens.Welcome(context: visit.context, chrome: request.chrome()).render()
        return html.response(status: .conflict)
    }
}

extension Optional {
    func asyncFlatMap<T>(_ transform: (Wrapped) async throws -> T?) async rethrows -> T? {
        guard let self else { return nil }
        return try await transform(self)
    }
}
