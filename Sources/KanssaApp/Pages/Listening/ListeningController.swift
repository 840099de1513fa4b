import Fluent
import KanssaCore
import Listening
import Vapor

/// Listening: a team starts a consultation, writes down what it expects to hear, opens it (the
/// ledger freezes), closes it, and may open it again once.
struct ListeningController: RouteCollection {
    static func consultation(_ action: @escaping @Sendable (ConsultationAccess) -> Action) -> AccessRule {
        .policy { request in
            guard let access = try await Consultations.access(try request.uuid("consultation"), on: request.db) else { throw KanssaError.notFound }
            return action(access)
        }
    }

    func boot(routes: any RoutesBuilder) throws {
        let run = AccessRule.policy { .runConsultations(try $0.uuid("organisation")) }
        routes.on(.GET, "organisations", ":organisation", "consultations", access: .policy { .readConsultationFigures(try $0.uuid("organisation")) },
                  use: list)
        routes.on(.POST, "organisations", ":organisation", "consultations", access: run, use: start)
        let work = Self.consultation { .workOnConsultation($0) }
        let consultation = routes.grouped("listening", "consultations", ":consultation")
        consultation.on(.GET, access: work, use: show)
        consultation.on(.POST, "assumptions", access: work, use: addAssumption)
        consultation.on(.GET, "assumptions", ":assumption", access: work, use: editAssumption)
        consultation.on(.POST, "assumptions", ":assumption", access: work, use: saveAssumption)
        consultation.on(.POST, "assumptions", ":assumption", "remove", access: work, use: removeAssumption)
        consultation.on(.POST, "questions", access: work, use: addQuestion)
        consultation.on(.GET, "questions", ":question", access: work, use: editQuestion)
        consultation.on(.POST, "questions", ":question", access: work, use: saveQuestion)
        consultation.on(.POST, "questions", ":question", "remove", access: work, use: removeQuestion)
        consultation.on(.GET, "open", access: work, use: confirmOpen)
        consultation.on(.POST, "open", access: work, use: open)
        consultation.on(.POST, "close", access: work, use: close)
        consultation.on(.POST, "reopen", access: work, use: reopen)
        consultation.on(.POST, "languages", access: work, use: addLanguage)
        consultation.on(.GET, "languages", ":language", access: work, use: translation)
        consultation.on(.POST, "languages", ":language", access: work, use: saveTranslation)
        consultation.on(.POST, "languages", ":language", "remove", access: work, use: removeLanguage)
        consultation.on(.GET, "poster", access: work, use: poster)
        consultation.on(.GET, "answers", access: work, use: answers)
        consultation.on(.GET, "answers", "new", access: work, use: newAnswers)
        consultation.on(.GET, "answers", ":answer", "moderation", access: work, use: moderation)
        consultation.on(.GET, "answers", ":answer", "coding", access: work, use: coding)
        consultation.on(.POST, "answers", ":answer", "coding", access: work, use: code)
        consultation.on(.POST, "answers", ":answer", "coding", ":coding", "remove", access: work, use: removeCoding)
        consultation.on(.GET, "codebook", access: work, use: codebook)
        consultation.on(.POST, "codebook", access: work, use: addTheme)
        consultation.on(.POST, "codebook", "copy", access: work, use: copyCodebook)
        consultation.on(.GET, "agreement", access: work, use: agreement)
        consultation.on(.POST, "answers", ":answer", "moderation", access: work, use: moderate)
        consultation.on(.POST, "answers", "new", access: work, use: enterAnswers)
    }

    // MARK: The organisation's consultations

    struct StartForm: Content {
        var team: String?
        var title: String?
        var purpose: String?
        var audience: String?
        var opensOn: String?
        var closesOn: String?
        var groups: String?
        var language: String?
    }

    private func listModel(_ request: Request) async throws -> ConsultationList.Model {
        let organisation = try await request.organisation()
        let organisationID = try organisation.requireID()
        let principal = request.principal
        var model = try await ConsultationList.load(
            organisation: organisation, page: ListPage(number: request.query[Int.self, at: "page"], size: Consultations.perPage),
            teams: { Policy.decide(.startConsultation(organisation: organisationID, team: $0), for: principal).isAllowed }, on: request.db)
        model.figuresOnly = !Policy.decide(.runConsultations(organisationID), for: principal).isAllowed
        return model
    }

    @Sendable func list(request: Request) async throws -> Response {
        ConsultationList.View(model: try await listModel(request), chrome: request.chrome()).render().response()
    }

    @Sendable func start(request: Request) async throws -> Response {
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        let form = (try? request.content.decode(StartForm.self)) ?? StartForm()
        var model = try await listModel(request)
        let draft = Consultations.Draft(
            teamID: form.team.flatMap(UUID.init(uuidString:)), title: String((form.title ?? "").prefix(Consultations.longestTitle + 100)),
            purpose: String((form.purpose ?? "").prefix(Consultations.longestText + 100)),
            audience: String((form.audience ?? "").prefix(Consultations.longestTitle + 100)),
            opensOn: String((form.opensOn ?? "").prefix(10)), closesOn: String((form.closesOn ?? "").prefix(10)),
            groups: String((form.groups ?? "").prefix(Consultations.mostGroups * (Consultations.longestGroup + 1) + 100)),
            language: String((form.language ?? "").prefix(10)))
        switch Consultations.check(draft, teams: Set(model.teams.map(\.id)), timeZone: request.platform.config.timeZone, now: request.now) {
        case .failure(let list):
            let t = request.localizer
            model.draft = draft
            model.errors = list.problems.map { problem in
                let message = switch problem {
                case .team: t(.errorConsultationTeam)
                case .title: t.textError(.errorConsultationTitle, typed: form.title, maxLength: Consultations.longestTitle)
                case .purpose: t.textError(.errorConsultationPurpose, typed: form.purpose, maxLength: Consultations.longestText, multiline: true)
                case .audience: t.textError(.errorConsultationAudience, typed: form.audience, maxLength: Consultations.longestTitle)
                case .opensOn: t(.errorConsultationOpens)
                case .closesOn: t(.errorConsultationCloses)
                case .order: t(.errorConsultationOrder)
                case .groups: t(.errorConsultationGroups)
                case .language: t(.errorConsultationLanguage)
                }
                return FieldError(field: problem == .order ? "closesOn" : problem.rawValue, message: message)
            }
            return ConsultationList.View(model: model, chrome: request.chrome()).render().response(status: .unprocessableEntity)
        case .success(let checked):
            let id = try await Consultations.start(checked, organisationID: model.organisationID, by: principal.accountID, at: request.now,
                                                   randomBytes: request.platform.dependencies.randomBytes, on: request.db)
            return request.redirect(to: ListeningRoute.consultation(id).path + "?notice=started", redirectType: .normal)
        }
    }

    // MARK: One consultation

    @Sendable func show(request: Request) async throws -> Response {
        var model = try await ConsultationPage.load(try request.uuid("consultation"), on: request.db)
        let t = request.localizer
        model.notice = switch request.query[String.self, at: "notice"] {
        case "started": Notice(.success, t(.consultationStartedNotice))
        case "added": Notice(.success, t(.ledgerAddedNotice))
        case "saved": Notice(.success, t(.ledgerSavedNotice))
        case "removed": Notice(.success, t(.ledgerRemovedNotice))
        case "opened": Notice(.success, t(.consultationOpenedNotice))
        case "closed": Notice(.success, t(.consultationClosedNotice))
        case "reopened": Notice(.success, t(.consultationReopenedNotice))
        case "question-added": Notice(.success, t(.questionAddedNotice))
        case "question-saved": Notice(.success, t(.ledgerSavedNotice))
        case "question-removed": Notice(.success, t(.ledgerRemovedNotice))
        case "language-added": Notice(.success, t(.languageAddedNotice))
        case "language-removed": Notice(.success, t(.languageRemovedNotice))
        case "translated": Notice(.success, t(.translationSavedNotice))
        case "verdict": Notice(.success, t(.verdictSavedNotice))
        default: nil
        }
        return ConsultationPage.View(model: model, chrome: request.chrome()).render().response()
    }

    struct AssumptionForm: Content {
        var statement: String?
        var heldBy: String?
        var confidence: String?
        var ifWrong: String?

        var draft: Consultations.AssumptionDraft {
            .init(statement: String((statement ?? "").prefix(Consultations.longestText + 100)),
                  heldBy: String((heldBy ?? "").prefix(Consultations.longestTitle + 100)),
                  confidence: String((confidence ?? "").prefix(10)), ifWrong: String((ifWrong ?? "").prefix(Consultations.longestText + 100)))
        }

        func errors(_ list: ProblemList<Consultations.AssumptionProblem>, _ t: Localizer) -> [FieldError] {
            list.problems.map { problem in
                let message = switch problem {
                case .statement: t.textError(.errorLedgerStatement, typed: statement, maxLength: Consultations.longestText, multiline: true)
                case .heldBy: t.textError(.errorLedgerHeldBy, typed: heldBy, maxLength: Consultations.longestTitle)
                case .confidence: t(.errorLedgerConfidence)
                case .ifWrong: t.textError(.errorLedgerIfWrong, typed: ifWrong, maxLength: Consultations.longestText, multiline: true)
                }
                return FieldError(field: problem.rawValue, message: message)
            }
        }
    }

    @Sendable func addAssumption(request: Request) async throws -> Response {
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        let consultationID = try request.uuid("consultation")
        let form = (try? request.content.decode(AssumptionForm.self)) ?? AssumptionForm()
        switch Consultations.check(form.draft) {
        case .failure(let list):
            var model = try await ConsultationPage.load(consultationID, on: request.db)
            model.draft = form.draft
            model.errors = form.errors(list, request.localizer)
            return ConsultationPage.View(model: model, chrome: request.chrome()).render().response(status: .unprocessableEntity)
        case .success(let checked):
            try await Consultations.addAssumption(checked, to: consultationID, by: principal.accountID, at: request.now, on: request.db)
            return request.redirect(to: ListeningRoute.consultation(consultationID).path + "?notice=added#ledger", redirectType: .normal)
        }
    }

    @Sendable func editAssumption(request: Request) async throws -> Response {
        let consultationID = try request.uuid("consultation")
        do {
            let model = try await AssumptionEditor.load(try request.uuid("assumption"), in: consultationID, on: request.db)
            return AssumptionEditor.View(model: model, chrome: request.chrome()).render().response()
        } catch ListeningError.ledgerFrozen {
            return try await frozen(request, consultationID)
        }
    }

    @Sendable func saveAssumption(request: Request) async throws -> Response {
        let consultationID = try request.uuid("consultation")
        let assumptionID = try request.uuid("assumption")
        let form = (try? request.content.decode(AssumptionForm.self)) ?? AssumptionForm()
        do {
            switch Consultations.check(form.draft) {
            case .failure(let list):
                var model = try await AssumptionEditor.load(assumptionID, in: consultationID, on: request.db)
                model.draft = form.draft
                model.errors = form.errors(list, request.localizer)
                return AssumptionEditor.View(model: model, chrome: request.chrome()).render().response(status: .unprocessableEntity)
            case .success(let checked):
                try await Consultations.changeAssumption(assumptionID, in: consultationID, to: checked, on: request.db)
                return request.redirect(to: ListeningRoute.consultation(consultationID).path + "?notice=saved#ledger", redirectType: .normal)
            }
        } catch ListeningError.ledgerFrozen {
            return try await frozen(request, consultationID)
        }
    }

    @Sendable func removeAssumption(request: Request) async throws -> Response {
        let consultationID = try request.uuid("consultation")
        do {
            try await Consultations.removeAssumption(try request.uuid("assumption"), in: consultationID, on: request.db)
            return request.redirect(to: ListeningRoute.consultation(consultationID).path + "?notice=removed#ledger", redirectType: .normal)
        } catch ListeningError.ledgerFrozen {
            return try await frozen(request, consultationID)
        }
    }

    /// The consultation's page, saying that what was written before it opened stays as it was.
    private func frozen(_ request: Request, _ consultationID: UUID) async throws -> Response {
        try await refused(request, consultationID, .errorLedgerFrozen)
    }

    // MARK: Questions

    struct QuestionForm: Content {
        var kind: String?
        var text: String?
        var choices: String?
        var condition: String?

        var draft: Questions.Draft {
            .init(kind: String((kind ?? "").prefix(40)), text: String((text ?? "").prefix(Questions.longestText + 100)),
                  choices: String((choices ?? "").prefix(Questions.mostChoices * (Questions.longestChoice + 1) + 100)),
                  condition: String((condition ?? "").prefix(80)))
        }

        func errors(_ list: ProblemList<Questions.Problem>, _ t: Localizer) -> [FieldError] {
            list.problems.map { problem in
                let message = switch problem {
                case .kind: t(.errorQuestionKind)
                case .text: t.textError(.errorQuestionText, typed: text, maxLength: Questions.longestText, multiline: true)
                case .choices: t(.errorQuestionChoices)
                case .condition: t(.errorQuestionCondition)
                case .usedByCondition: t(.errorQuestionUsedByCondition)
                }
                return FieldError(field: problem == .usedByCondition ? "choices" : problem.rawValue, message: message)
            }
        }
    }

    @Sendable func addQuestion(request: Request) async throws -> Response {
        let consultationID = try request.uuid("consultation")
        let form = (try? request.content.decode(QuestionForm.self)) ?? QuestionForm()
        let earlier = try await Questions.list(of: consultationID, on: request.db)
        do {
            switch Questions.check(form.draft, earlier: earlier) {
            case .failure(let list):
                var model = try await ConsultationPage.load(consultationID, on: request.db)
                model.questionDraft = form.draft
                model.questionErrors = form.errors(list, request.localizer)
                return ConsultationPage.View(model: model, chrome: request.chrome()).render().response(status: .unprocessableEntity)
            case .success(let checked):
                try await Questions.add(checked, to: consultationID, at: request.now, on: request.db)
                return request.redirect(to: ListeningRoute.consultation(consultationID).path + "?notice=question-added#questions",
                                        redirectType: .normal)
            }
        } catch ListeningError.questionsFixed {
            return try await refused(request, consultationID, .errorQuestionsFixed)
        }
    }

    @Sendable func editQuestion(request: Request) async throws -> Response {
        let consultationID = try request.uuid("consultation")
        do {
            let model = try await QuestionEditor.load(try request.uuid("question"), in: consultationID, on: request.db)
            return QuestionEditor.View(model: model, chrome: request.chrome()).render().response()
        } catch ListeningError.questionsFixed {
            return try await refused(request, consultationID, .errorQuestionsFixed)
        }
    }

    @Sendable func saveQuestion(request: Request) async throws -> Response {
        let consultationID = try request.uuid("consultation")
        let questionID = try request.uuid("question")
        let form = (try? request.content.decode(QuestionForm.self)) ?? QuestionForm()
        do {
            let (_, earlier, dependants) = try await Questions.editable(questionID, in: consultationID, on: request.db)
            switch Questions.check(form.draft, earlier: earlier, dependants: dependants) {
            case .failure(let list):
                var model = try await QuestionEditor.load(questionID, in: consultationID, on: request.db)
                model.draft = form.draft
                model.errors = form.errors(list, request.localizer)
                return QuestionEditor.View(model: model, chrome: request.chrome()).render().response(status: .unprocessableEntity)
            case .success(let checked):
                try await Questions.change(questionID, in: consultationID, to: checked, on: request.db)
                return request.redirect(to: ListeningRoute.consultation(consultationID).path + "?notice=question-saved#questions",
                                        redirectType: .normal)
            }
        } catch ListeningError.questionsFixed {
            return try await refused(request, consultationID, .errorQuestionsFixed)
        }
    }

    @Sendable func removeQuestion(request: Request) async throws -> Response {
        let consultationID = try request.uuid("consultation")
        do {
            try await Questions.remove(try request.uuid("question"), in: consultationID, on: request.db)
            return request.redirect(to: ListeningRoute.consultation(consultationID).path + "?notice=question-removed#questions",
                                    redirectType: .normal)
        } catch ListeningError.questionsFixed {
            return try await refused(request, consultationID, .errorQuestionsFixed)
        } catch ListeningError.questionIsACondition {
            return try await refused(request, consultationID, .errorQuestionIsACondition)
        }
    }

    /// The consultation's page, saying why nothing changed.
    private func refused(_ request: Request, _ consultationID: UUID, _ message: MessageKey) async throws -> Response {
        var model = try await ConsultationPage.load(consultationID, on: request.db)
        model.notice = Notice(.error, request.localizer(message))
        return ConsultationPage.View(model: model, chrome: request.chrome()).render().response(status: .conflict)
    }

    // MARK: Opening and closing

    @Sendable func confirmOpen(request: Request) async throws -> Response {
        let model = try await ConsultationPage.load(try request.uuid("consultation"), on: request.db)
        guard model.state == .draft else {
            return request.redirect(to: ListeningRoute.consultation(model.id).path, redirectType: .normal)
        }
        return OpenConsultationView(model: model, chrome: request.chrome()).render().response()
    }

    @Sendable func open(request: Request) async throws -> Response {
        try await move(request, from: .draft, to: .open, notice: "opened")
    }

    @Sendable func close(request: Request) async throws -> Response {
        try await move(request, from: .open, to: .closed, notice: "closed")
    }

    @Sendable func reopen(request: Request) async throws -> Response {
        try await move(request, from: .closed, to: .open, notice: "reopened")
    }

    private func move(_ request: Request, from: ConsultationState, to state: ConsultationState, notice: String) async throws -> Response {
        let consultationID = try request.uuid("consultation")
        let t = request.localizer
        do {
            try await Consultations.move(consultationID, from: from, to: state, at: request.now, on: request.db)
        } catch let error as ListeningError where error != .notFound {
            var model = try await ConsultationPage.load(consultationID, on: request.db)
            let message: String = switch error {
            case .emptyLedger: t(.consultationOpenEmpty)
            case .reopenedBefore: t(.errorConsultationReopenedBefore)
            default: t(.errorConsultationNotNow)
            }
            model.notice = Notice(.error, message)
            return ConsultationPage.View(model: model, chrome: request.chrome()).render().response(status: .conflict)
        }
        return request.redirect(to: ListeningRoute.consultation(consultationID).path + "?notice=\(notice)", redirectType: .normal)
    }

    // MARK: Answers

    @Sendable func poster(request: Request) async throws -> Response {
        guard let consultation = try await Consultation.find(try request.uuid("consultation"), on: request.db),
              let code = consultation.publicCode.flatMap(ConsultationCode.init(typed:))
        else { throw KanssaError.notFound }
        return TeamAnswers.Poster(title: consultation.title, purpose: consultation.purpose, code: code, address: request.platform.config.linkBase,
                                  chrome: request.chrome()).render().response()
    }

    @Sendable func answers(request: Request) async throws -> Response {
        let model = try await TeamAnswers.load(try request.uuid("consultation"),
                                               page: ListPage(number: request.query[Int.self, at: "page"], size: Answers.perPage), on: request.db)
        let notice: Notice? = switch request.queryText("notice") {
        case "entered": Notice(.success, request.localizer(.answersEnteredNotice))
        case "moderated": Notice(.success, request.localizer(.moderationSavedNotice))
        default: nil
        }
        return TeamAnswers.Sheets(model: model, notice: notice, chrome: request.chrome()).render().response()
    }

    private func entryModel(_ request: Request) async throws -> (Consultation, TeamAnswers.EntryModel) {
        guard let consultation = try await Consultation.find(try request.uuid("consultation"), on: request.db) else { throw KanssaError.notFound }
        let questions = try await Questions.list(of: try consultation.requireID(), on: request.db)
        return (consultation, TeamAnswers.EntryModel(consultation: consultation, questions: questions))
    }

    @Sendable func newAnswers(request: Request) async throws -> Response {
        let (consultation, model) = try await entryModel(request)
        guard consultation.state != .draft else { return try await refused(request, model.consultationID, .errorAnswersDraft) }
        return TeamAnswers.Entry(model: model, chrome: request.chrome()).render().response()
    }

    struct EntryForm: Content {
        var channel: String?
        var groups: [String]?
        var q: [String: AnsweringController.AnswerForm]?
    }

    /// Answers heard in an interview, a workshop or on paper: each question checked as on the
    /// public page (conditions met by the answers on this same form), every problem at once.
    @Sendable func enterAnswers(request: Request) async throws -> Response {
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        var (consultation, model) = try await entryModel(request)
        guard consultation.state != .draft else { return try await refused(request, model.consultationID, .errorAnswersDraft) }
        let form = (try? request.content.decode(EntryForm.self)) ?? EntryForm()
        let t = request.localizer
        model.channel = String((form.channel ?? "").prefix(20))
        let channel = AnswerChannel(rawValue: model.channel).flatMap { $0.isEnteredByStaff ? $0 : nil }
        if channel == nil { model.errors.append(FieldError(field: "channel", message: t(.errorAnswersChannel))) }
        let groups = Answers.checkGroups(Array((form.groups ?? []).prefix(Consultations.mostGroups + 5)), of: consultation)
        model.pickedGroups = groups ?? []
        if groups == nil { model.errors.append(FieldError(field: "groups", message: t(.errorAnswerGroups))) }
        for question in model.questions {
            model.typed[question.id] = form.q?[String(question.position)]?.typed(question.kind) ?? Answers.Typed()
        }
        let (given, problems) = Answers.check(form: model.typed, questions: model.questions)
        for (question, problem) in problems {
            model.errors.append(FieldError(field: AnswerControls.fieldName(TeamAnswers.fieldName(question), TeamAnswers.fieldPrefix(question)),
                                           message: AnswerControls.message(problem, question, typed: model.typed[question.id]?.text ?? "", t)))
        }
        if model.errors.isEmpty, given.isEmpty { model.errors.append(FieldError(field: "channel", message: t(.errorAnswersNothing))) }
        guard model.errors.isEmpty, let channel else {
            return TeamAnswers.Entry(model: model, chrome: request.chrome()).render().response(status: .unprocessableEntity)
        }
        try await Answers.enter(given, groups: groups ?? [], channel: channel, language: t.language, in: consultation, by: principal.accountID,
                                  at: request.now, on: request.db)
        return request.redirect(to: ListeningRoute.answers(consultation: model.consultationID).path + "?notice=entered", redirectType: .normal)
    }

    // MARK: Languages

    struct LanguageForm: Content {
        var language: String?
    }

    @Sendable func addLanguage(request: Request) async throws -> Response {
        let consultationID = try request.uuid("consultation")
        let code = String(((try? request.content.decode(LanguageForm.self))?.language ?? "").prefix(10))
        do {
            try await Translations.addLanguage(code, to: consultationID, on: request.db)
        } catch ListeningError.notALanguage {
            var model = try await ConsultationPage.load(consultationID, on: request.db)
            model.errors = [FieldError(field: "language", message: request.localizer(.errorConsultationLanguage))]
            return ConsultationPage.View(model: model, chrome: request.chrome()).render().response(status: .unprocessableEntity)
        }
        return request.redirect(to: ListeningRoute.translation(consultation: consultationID, language: code).path, redirectType: .normal)
    }

    /// The language named in the path, if the consultation asks in it (and is not written in it).
    private func language(_ request: Request) throws -> String {
        guard let code = request.parameters.get("language"), ContentLanguages.all.contains(where: { $0.code == code }) else {
            throw KanssaError.notFound
        }
        return code
    }

    @Sendable func translation(request: Request) async throws -> Response {
        do {
            let model = try await TranslationPage.load(try request.uuid("consultation"), into: try language(request), on: request.db)
            return TranslationPage.View(model: model, chrome: request.chrome()).render().response()
        } catch ListeningError.notALanguage {
            throw KanssaError.notFound
        }
    }

    @Sendable func saveTranslation(request: Request) async throws -> Response {
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        let consultationID = try request.uuid("consultation")
        let code = try language(request)
        var model: TranslationPage.Model
        do {
            model = try await TranslationPage.load(consultationID, into: code, on: request.db)
        } catch ListeningError.notALanguage {
            throw KanssaError.notFound
        }
        let longest = Consultations.longestText + Questions.mostChoices * (Questions.longestChoice + 1)
        let typed = Dictionary(model.items.map { item in
            (item.formName, String(((try? request.content.get(String.self, at: item.formName)) ?? "").prefix(longest)))
        }, uniquingKeysWith: { a, _ in a })
        switch Translations.check(typed, items: model.items) {
        case .failure(let list):
            let t = request.localizer
            model.items = model.items.map { item in
                var item = item
                item.translated = typed[item.formName] ?? ""
                return item
            }
            model.errors = list.problems.map { problem in
                switch problem {
                case .text(let item): FieldError(field: item.formName, message: t(.errorTranslationText))
                case .lines(let item): FieldError(field: item.formName, message: t(.errorTranslationLines, ["count": t.number(item.lines ?? 0)]))
                }
            }
            return TranslationPage.View(model: model, chrome: request.chrome()).render().response(status: .unprocessableEntity)
        case .success(let items):
            try await Translations.save(items, of: consultationID, into: code, by: principal.accountID, at: request.now, on: request.db)
            return request.redirect(to: ListeningRoute.consultation(consultationID).path + "?notice=translated#languages", redirectType: .normal)
        }
    }

    @Sendable func removeLanguage(request: Request) async throws -> Response {
        let consultationID = try request.uuid("consultation")
        do {
            try await Translations.removeLanguage(try language(request), from: consultationID, on: request.db)
        } catch ListeningError.questionsFixed {
            return try await refused(request, consultationID, .errorQuestionsFixed)
        } catch ListeningError.notALanguage {
            throw KanssaError.notFound
        }
        return request.redirect(to: ListeningRoute.consultation(consultationID).path + "?notice=language-removed#languages", redirectType: .normal)
    }

    // MARK: Moderation

    @Sendable func moderation(request: Request) async throws -> Response {
        let model = try await Moderation.load(try request.uuid("answer"), in: try request.uuid("consultation"), on: request.db)
        return ModerationPage.View(model: model, chrome: request.chrome()).render().response()
    }

    struct ModerationForm: Content {
        var hide: [String]?
        var words: String?
        var flagged: String?
        var reason: String?
        var version: String?
    }

    /// Hides passages and flags, if nobody moderated the answer since the page was shown; else
    /// the page again with what they did and this moderator's choices kept.
    @Sendable func moderate(request: Request) async throws -> Response {
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        let consultationID = try request.uuid("consultation")
        let answerID = try request.uuid("answer")
        var model = try await Moderation.load(answerID, in: consultationID, on: request.db)
        let form = (try? request.content.decode(ModerationForm.self)) ?? ModerationForm()
        let draft = Moderation.Draft(
            hide: Array((form.hide ?? []).prefix(200)).map { String($0.prefix(30)) }, words: String((form.words ?? "").prefix(Moderation.longestWords + 100)),
            flagged: form.flagged == "yes", reason: String((form.reason ?? "").prefix(Moderation.longestReason + 100)),
            version: Int(form.version ?? "") ?? -1)
        model.draft = draft
        let t = request.localizer
        switch Moderation.check(draft, text: model.text) {
        case .failure(let list):
            model.errors = list.problems.map { problem in
                switch problem {
                case .passage: FieldError(field: "hide", message: t(.errorModerationPassage))
                case .words: FieldError(field: "words", message: t(.errorModerationWords))
                case .reason: FieldError(field: "reason", message: t.textError(.errorModerationReason, typed: form.reason,
                                                                                maxLength: Moderation.longestReason, multiline: true))
                }
            }
            return ModerationPage.View(model: model, chrome: request.chrome()).render().response(status: .unprocessableEntity)
        case .success(let checked):
            guard draft.version == model.version,
                  try await Moderation.moderate(answerID, checked, seenVersion: draft.version, by: principal.accountID, at: request.now, on: request.db)
            else {
                var again = try await Moderation.load(answerID, in: consultationID, on: request.db)
                again.draft = draft
                again.changedMeanwhile = true
                return ModerationPage.View(model: again, chrome: request.chrome()).render().response(status: .conflict)
            }
            return request.redirect(to: ListeningRoute.answers(consultation: consultationID).path + "?notice=moderated", redirectType: .normal)
        }
    }

    // MARK: Codebook and coding

    private func codebookModel(_ request: Request) async throws -> CodingPages.CodebookModel {
        guard let consultation = try await Consultation.find(try request.uuid("consultation"), on: request.db) else { throw KanssaError.notFound }
        let id = try consultation.requireID()
        return CodingPages.CodebookModel(
            consultationID: id, title: consultation.title, themes: try await Codebook.themes(of: id, on: request.db),
            earlier: try await Codebook.earlier(than: consultation, on: request.db).map { .init(id: $0.id, title: $0.title) })
    }

    @Sendable func codebook(request: Request) async throws -> Response {
        var model = try await codebookModel(request)
        let t = request.localizer
        model.notice = switch request.queryText("notice") {
        case "added": Notice(.success, t(.codebookAddedNotice))
        case "copied": Notice(.success, t(.codebookCopiedNotice))
        default: nil
        }
        return CodingPages.CodebookView(model: model, chrome: request.chrome()).render().response()
    }

    struct ThemeForm: Content {
        var name: String?
        var description: String?
        var parent: String?
    }

    @Sendable func addTheme(request: Request) async throws -> Response {
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        var model = try await codebookModel(request)
        let form = (try? request.content.decode(ThemeForm.self)) ?? ThemeForm()
        let draft = Codebook.Draft(name: String((form.name ?? "").prefix(Codebook.longestName + 100)),
                                   description: String((form.description ?? "").prefix(Codebook.longestDescription + 100)),
                                   parent: String((form.parent ?? "").prefix(40)))
        switch Codebook.check(draft, themes: model.themes) {
        case .failure(let list):
            let t = request.localizer
            model.draft = draft
            model.errors = list.problems.map { problem in
                switch problem {
                case .name: FieldError(field: "name", message: t.textError(.errorCodebookName, typed: form.name, maxLength: Codebook.longestName))
                case .description: FieldError(field: "description", message: t(.errorCodebookDescription))
                case .parent: FieldError(field: "parent", message: t(.errorCodebookParent))
                case .taken: FieldError(field: "name", message: t(.errorCodebookTaken))
                }
            }
            return CodingPages.CodebookView(model: model, chrome: request.chrome()).render().response(status: .unprocessableEntity)
        case .success(let checked):
            try await Codebook.add(checked, to: model.consultationID, by: principal.accountID, at: request.now, on: request.db)
            return request.redirect(to: ListeningRoute.codebook(consultation: model.consultationID).path + "?notice=added", redirectType: .normal)
        }
    }

    struct CopyForm: Content {
        var from: String?
    }

    @Sendable func copyCodebook(request: Request) async throws -> Response {
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        let consultationID = try request.uuid("consultation")
        // Only another consultation of the same organisation is found: anything else is not there.
        guard let from = (try? request.content.decode(CopyForm.self))?.from.flatMap(UUID.init(uuidString:)) else { throw KanssaError.notFound }
        try await Codebook.copy(from: from, to: consultationID, by: principal.accountID, at: request.now, on: request.db)
        return request.redirect(to: ListeningRoute.codebook(consultation: consultationID).path + "?notice=copied", redirectType: .normal)
    }

    @Sendable func coding(request: Request) async throws -> Response {
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        let model = try await Codings.load(try request.uuid("answer"), in: try request.uuid("consultation"), on: request.db)
        let notice = request.queryText("notice") == "coded" ? Notice(.success, request.localizer(.codingSavedNotice)) : nil
        return CodingPages.CodingView(model: model, coderID: principal.accountID, notice: notice, chrome: request.chrome()).render().response()
    }

    struct CodingForm: Content {
        var themes: [String]?
        var words: String?
    }

    @Sendable func code(request: Request) async throws -> Response {
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        let consultationID = try request.uuid("consultation")
        let answerID = try request.uuid("answer")
        var model = try await Codings.load(answerID, in: consultationID, on: request.db)
        let form = (try? request.content.decode(CodingForm.self)) ?? CodingForm()
        let picked = Array((form.themes ?? []).prefix(200)).map { String($0.prefix(40)) }
        let words = String((form.words ?? "").prefix(Codings.longestWords + 100))
        if let problems = try await Codings.code(answerID, themes: picked, words: words, in: model, by: principal.accountID, at: request.now,
                                                 on: request.db) {
            let t = request.localizer
            model.picked = picked
            model.words = words
            model.errors = problems.problems.map { problem in
                switch problem {
                case .themes: FieldError(field: "themes", message: t(.errorCodingThemes))
                case .words: FieldError(field: "words", message: t(.errorCodingWords))
                }
            }
            return CodingPages.CodingView(model: model, coderID: principal.accountID, chrome: request.chrome()).render()
                .response(status: .unprocessableEntity)
        }
        return request.redirect(to: ListeningRoute.coding(consultation: consultationID, answer: answerID).path + "?notice=coded",
                                redirectType: .normal)
    }

    @Sendable func removeCoding(request: Request) async throws -> Response {
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        let consultationID = try request.uuid("consultation")
        let answerID = try request.uuid("answer")
        _ = try await Codings.load(answerID, in: consultationID, on: request.db)
        do {
            try await Codings.remove(try request.uuid("coding"), of: answerID, by: principal.accountID, on: request.db)
        } catch let error as ListeningError where error == .notYours || error == .isEvidence {
            var model = try await Codings.load(answerID, in: consultationID, on: request.db)
            model.errors = [FieldError(field: "themes", message: request.localizer(error == .notYours ? .errorCodingNotYours : .errorCodingIsEvidence))]
            return CodingPages.CodingView(model: model, coderID: principal.accountID, chrome: request.chrome()).render()
                .response(status: error == .notYours ? .forbidden : .conflict)
        }
        return request.redirect(to: ListeningRoute.coding(consultation: consultationID, answer: answerID).path, redirectType: .normal)
    }

    @Sendable func agreement(request: Request) async throws -> Response {
        let database = request.db
        guard let model = try await request.platform.consultations.model(.agreement, of: .identified(try request.uuid("consultation")), on: database, build: {
            try await Agreement.load($0, on: database)
        })?.model else { throw KanssaError.notFound }
        return CodingPages.AgreementView(model: model, chrome: request.chrome()).render().response()
    }
}
