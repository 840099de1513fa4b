import Fluent
import Foundation
import KanssaCore
import SQLKit

/// Answers to a consultation, however they came: typed on the public page by someone who need
/// not say who they are, or entered by staff from an interview, a workshop or paper. One answer
/// per respondent and question, changed in place: a form sent twice stores one answer.
public enum Answers {
    /// Even written all in emoji, the longest answer fits in a form under the 64 kB body limit.
    public static let longestOpenText = 2_000
    public static let longestStory = 5_000
    public static let perPage = 20

    /// What a respondent gave for one question.
    public struct Given: Sendable, Equatable {
        public var choices: [Int] = []
        public var scale: Int?
        public var text = ""
        public var consentQuote = false
        public var consentPublish = false
        public var consentTraining = false

        public init(choices: [Int] = [], scale: Int? = nil, text: String = "", consentQuote: Bool = false, consentPublish: Bool = false,
                    consentTraining: Bool = false) {
            self.choices = choices
            self.scale = scale
            self.text = text
            self.consentQuote = consentQuote
            self.consentPublish = consentPublish
            self.consentTraining = consentTraining
        }

        init(_ answer: Answer) {
            self.init(choices: answer.choiceList, scale: answer.scale, text: answer.text, consentQuote: answer.consentQuote,
                      consentPublish: answer.consentPublish, consentTraining: answer.consentTraining)
        }
    }

    /// What was sent for one question, before it is checked.
    public struct Typed: Sendable, Equatable {
        public var choices: [String] = []
        public var scale = ""
        public var text = ""
        public var consentQuote = false
        public var consentPublish = false
        public var consentTraining = false

        public init(choices: [String] = [], scale: String = "", text: String = "", consentQuote: Bool = false, consentPublish: Bool = false,
                    consentTraining: Bool = false) {
            self.choices = choices
            self.scale = scale
            self.text = text
            self.consentQuote = consentQuote
            self.consentPublish = consentPublish
            self.consentTraining = consentTraining
        }

        public init(_ given: Given?) {
            guard let given else { self.init(); return }
            self.init(choices: given.choices.map(String.init), scale: given.scale.map(String.init) ?? "", text: given.text,
                      consentQuote: given.consentQuote, consentPublish: given.consentPublish, consentTraining: given.consentTraining)
        }
    }

    public enum Problem: String, Error, Sendable, Equatable {
        /// A choice that is not on the question, or more than one where one is asked for.
        case choice
        case scale
        /// Too long, or holding characters that cannot be shown.
        case text
        /// The question is asked only after an earlier answer this respondent did not give.
        case condition
    }

    /// The longest answer a question takes.
    public static func longest(_ kind: QuestionKind) -> Int { kind == .story ? longestStory : longestOpenText }

    /// Checks what was sent for a question; `.success(nil)` when nothing was given (a question
    /// skipped, or an answer taken back). `given` are the respondent's other answers.
    public static func check(_ typed: Typed, for question: Questions.Line, among questions: [Questions.Line], given: [UUID: Given])
        -> Result<Given?, Problem>
    {
        guard isAsked(question, among: questions, given: given) else { return .failure(.condition) }
        var answer = Given()
        switch question.kind {
        case .singleChoice, .multipleChoice:
            let numbers = typed.choices.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.map { Int($0) }
            guard numbers.allSatisfy({ $0.map(question.choiceList.indices.contains) ?? false }) else { return .failure(.choice) }
            let picked = Array(Set(numbers.compactMap { $0 })).sorted()
            if question.kind == .singleChoice, picked.count > 1 { return .failure(.choice) }
            answer.choices = picked
            if picked.isEmpty { return .success(nil) }
        case .scale:
            let typedScale = typed.scale.trimmingCharacters(in: .whitespaces)
            if typedScale.isEmpty { return .success(nil) }
            guard let value = Int(typedScale), (1...5).contains(value) else { return .failure(.scale) }
            answer.scale = value
        case .openText, .story:
            if TypedText.problem(typed.text, maxLength: longest(question.kind), multiline: true) == .empty { return .success(nil) }
            guard let text = TypedText.clean(typed.text, maxLength: longest(question.kind), multiline: true) else { return .failure(.text) }
            answer.text = text
            if question.kind == .story {
                answer.consentQuote = typed.consentQuote
                answer.consentPublish = typed.consentPublish
                answer.consentTraining = typed.consentTraining
            }
        }
        return .success(answer)
    }

    /// Checks a whole form of answers (staff entering one person's), in order: earlier answers on
    /// the form decide whether a later question was asked; one left empty where it was not asked
    /// is no problem. The answers given, and each question's problem.
    public static func check(form typed: [UUID: Typed], questions: [Questions.Line])
        -> (given: [UUID: Given], problems: [(Questions.Line, Problem)])
    {
        var given: [UUID: Given] = [:]
        var problems: [(Questions.Line, Problem)] = []
        for question in questions {
            let answer = typed[question.id] ?? Typed()
            switch check(answer, for: question, among: questions, given: given) {
            case .success(let checked?): given[question.id] = checked
            case .success(nil): break
            case .failure(.condition) where answer == Typed(): break
            case .failure(let problem): problems.append((question, problem))
            }
        }
        return (given, problems)
    }

    /// Whether a question is put to a respondent with these answers: always, or when the
    /// earlier question it follows was put to them and their answer included the choice.
    public static func isAsked(_ question: Questions.Line, among questions: [Questions.Line], given: [UUID: Given]) -> Bool {
        guard let conditionID = question.conditionQuestionID, let choice = question.conditionChoice else { return true }
        guard let earlier = questions.first(where: { $0.id == conditionID }) else { return false }
        return isAsked(earlier, among: questions, given: given) && (given[conditionID]?.choices.contains(choice) ?? false)
    }

    /// The questions put to a respondent with these answers, in order.
    public static func asked(_ questions: [Questions.Line], given: [UUID: Given]) -> [Questions.Line] {
        questions.filter { isAsked($0, among: questions, given: given) }
    }

    // MARK: The public side

    /// An open, closed or still-prepared consultation by its public code. One query.
    public static func consultation(_ code: ConsultationCode, on database: any Database) async throws -> Consultation? {
        try await Consultation.query(on: database).filter(\.$publicCode == code.value).first()
    }

    /// The respondent behind a private code's digest in this consultation, if they gave anything yet.
    public static func respondent(_ codeDigest: String, in consultationID: UUID, on database: any Database) async throws -> Respondent? {
        try await Respondent.query(on: database).filter(\.$codeDigest == codeDigest).filter(\.$consultationID == consultationID).first()
    }

    /// A respondent's answers by question. One query.
    public static func given(by respondentID: UUID?, on database: any Database) async throws -> [UUID: Given] {
        guard let respondentID else { return [:] }
        let answers = try await Answer.query(on: database).filter(\.$respondentID == respondentID).all()
        return Dictionary(answers.map { ($0.questionID, Given($0)) }, uniquingKeysWith: { first, _ in first })
    }

    /// A web respondent as their private code finds them: who they are and what they gave so far.
    public struct Found: Sendable, Equatable {
        public let respondentID: UUID
        /// The account a signed-in respondent asked the team to contact, if they did.
        public let contactAccountID: UUID?
        public let given: [UUID: Given]
    }

    /// The respondent behind a private code's digest in this consultation, with their answers by
    /// question; nil when they gave nothing yet. One prepared query, on every public page.
    public static func found(_ codeDigest: String, in consultationID: UUID, on database: any Database) async throws -> Found? {
        let rows = try await database.rows(of: RespondentAnswers(codeDigest: codeDigest, consultationID: consultationID))
        guard let first = rows.first else { return nil }
        var given: [UUID: Given] = [:]
        for row in rows {
            guard let questionID = row.questionID, given[questionID] == nil else { continue }
            given[questionID] = Given(choices: Respondent.numbers(row.choices ?? ""), scale: row.scale, text: row.text ?? "",
                                      consentQuote: row.consentQuote ?? false, consentPublish: row.consentPublish ?? false,
                                      consentTraining: row.consentTraining ?? false)
        }
        return Found(respondentID: first.respondentID, contactAccountID: first.contactAccountID, given: given)
    }

    struct RespondentAnswers: FrequentQuery {
        struct Row: Decodable, Sendable {
            let respondentID: UUID
            let contactAccountID: UUID?
            let questionID: UUID?
            let choices: String?
            let scale: Int?
            let text: String?
            let consentQuote: Bool?
            let consentPublish: Bool?
            let consentTraining: Bool?

            enum CodingKeys: String, CodingKey {
                case respondentID = "respondent_id", contactAccountID = "contact_account_id", questionID = "question_id", choices, scale, text
                case consentQuote = "consent_quote", consentPublish = "consent_publish", consentTraining = "consent_training"
            }
        }

        static let sql = """
            SELECT r.id AS respondent_id, r.contact_account_id, a.question_id, a.choices, a.scale, a.text, a.consent_quote, \
            a.consent_publish, a.consent_training \
            FROM consultation_respondents r LEFT JOIN consultation_answers a ON a.respondent_id = r.id \
            WHERE r.code_digest = $1 AND r.consultation_id = $2
            """
        let codeDigest: String
        let consultationID: UUID
        var parameters: [QueryParameter] { [.text(codeDigest), .uuid(consultationID)] }
    }

    /// Stores (or takes back) a web respondent's answer to one question, making the respondent
    /// with their first answer. Answers to questions no longer put to them after this change go.
    /// `respondentID` is theirs when the page already found them.
    public static func save(
        _ answer: Given?, to question: Questions.Line, among questions: [Questions.Line], in consultation: Consultation, codeDigest: String,
        respondentID known: UUID? = nil, language: String, at now: Date, on database: any Database
    ) async throws {
        guard consultation.state == .open else { throw ListeningError.notOpen }
        let consultationID = try consultation.requireID()
        let made = { try await webRespondent(codeDigest, in: consultationID, language: language, at: now, on: database).requireID() }
        do {
            let respondentID = if let known { known } else { try await made() }
            try await write(answer, to: question, among: questions, of: respondentID, at: now, on: database)
        } catch let error as any DatabaseError where error.isConstraintFailure && known != nil {
            // The respondent found a moment ago is gone (their answers erased): they start anew.
            try await write(answer, to: question, among: questions, of: try await made(), at: now, on: database)
        }
    }

    private static func write(
        _ answer: Given?, to question: Questions.Line, among questions: [Questions.Line], of respondentID: UUID, at now: Date,
        on database: any Database
    ) async throws {
        // Only a question that depends on another can stop being asked.
        let conditional = questions.contains { $0.conditionQuestionID != nil }
        if let answer, !conditional {
            // One statement, committed with the answers that arrive with it (``GroupCommit``). The
            // respondent's `updated_at` follows by trigger (``TouchRespondentOnAnswer``).
            try await database.inGroupCommit(oneStatement: true) { database in
                guard let sql = database as? any SQLDatabase else { throw FrequentQueryError.unsupportedDatabase }
                try await upsert(answer, to: question.id, of: respondentID, at: now, on: sql)
            }
            return
        }
        // Each transaction begins by writing the respondent's row: two sends of one respondent
        // then take turns (on SQLite a transaction that read first could not start writing).
        try await database.writing { database in
            guard let sql = database as? any SQLDatabase else { throw FrequentQueryError.unsupportedDatabase }
            try await sql.raw("UPDATE \(ident: Respondent.schema) SET updated_at = \(bind: now) WHERE id = \(bind: respondentID)").run()
            if let answer {
                try await upsert(answer, to: question.id, of: respondentID, at: now, on: sql)
            } else {
                try await sql.raw("""
                    DELETE FROM \(ident: Answer.schema) WHERE respondent_id = \(bind: respondentID) AND question_id = \(bind: question.id)
                    """).run()
            }
            if conditional { try await dropUnasked(of: respondentID, among: questions, on: database) }
        }
    }

    /// An answer stored in one statement, over the one given before if any. New words are not
    /// moderated yet: when the text changed, what was hidden of the old one goes with it.
    private static func upsert(_ given: Given, to questionID: UUID, of respondentID: UUID, at now: Date, on sql: any SQLDatabase) async throws {
        let changed = "\(Answer.schema).text <> excluded.text"
        try await sql.raw("""
            INSERT INTO \(ident: Answer.schema) (id, respondent_id, question_id, choices, scale, text, consent_quote, consent_publish, \
            consent_training, created_at, updated_at) VALUES (\(bind: UUID()), \(bind: respondentID), \(bind: questionID), \
            \(bind: Respondent.numbers(given.choices)), \(bind: given.scale), \(bind: given.text), \(bind: given.consentQuote), \
            \(bind: given.consentPublish), \(bind: given.consentTraining), \(bind: now), \(bind: now)) \
            ON CONFLICT (respondent_id, question_id) DO UPDATE SET \
            hidden = CASE WHEN \(unsafeRaw: changed) THEN '' ELSE \(ident: Answer.schema).hidden END, \
            moderation = CASE WHEN \(unsafeRaw: changed) THEN \(bind: ModerationState.unmoderated.rawValue) \
            ELSE \(ident: Answer.schema).moderation END, \
            moderation_version = \(ident: Answer.schema).moderation_version + CASE WHEN \(unsafeRaw: changed) THEN 1 ELSE 0 END, \
            choices = excluded.choices, scale = excluded.scale, text = excluded.text, consent_quote = excluded.consent_quote, \
            consent_publish = excluded.consent_publish, consent_training = excluded.consent_training, updated_at = excluded.updated_at
            """).run()
    }

    /// Which of the consultation's respondent groups a web respondent says they belong to.
    public static func saveGroups(
        _ groups: [Int], in consultation: Consultation, codeDigest: String, language: String, at now: Date, on database: any Database
    ) async throws {
        guard consultation.state == .open else { throw ListeningError.notOpen }
        let respondent = try await webRespondent(codeDigest, in: try consultation.requireID(), language: language, at: now, on: database)
        respondent.groups = Respondent.numbers(groups)
        respondent.updatedAt = now
        try await respondent.update(on: database)
    }

    /// The groups picked, checked against the consultation's; nil when one is not on it.
    public static func checkGroups(_ typed: [String], of consultation: Consultation) -> [Int]? {
        let numbers = typed.map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard numbers.allSatisfy({ $0.map(consultation.groupList.indices.contains) ?? false }) else { return nil }
        return Array(Set(numbers.compactMap { $0 })).sorted()
    }

    /// A story's consents as the respondent now gives them. While the consultation is open they
    /// may give or take back each; after it closes they may only take back.
    public static func changeConsent(
        of questionID: UUID, quote: Bool, publish: Bool, training: Bool, in consultation: Consultation, codeDigest: String, at now: Date,
        on database: any Database
    ) async throws {
        let consultationID = try consultation.requireID()
        guard let respondent = try await respondent(codeDigest, in: consultationID, on: database),
              let answer = try await Answer.query(on: database).filter(\.$respondentID == respondent.requireID())
                  .filter(\.$questionID == questionID).first()
        else { throw ListeningError.notFound }
        let mayGive = consultation.state == .open
        answer.consentQuote = quote && (mayGive || answer.consentQuote)
        answer.consentPublish = publish && (mayGive || answer.consentPublish)
        answer.consentTraining = training && (mayGive || answer.consentTraining)
        answer.updatedAt = now
        try await answer.update(on: database)
    }

    /// The respondent for a private code, made when they first give something. Two forms sent
    /// at once with the same code make one respondent: the second finds the first's (the digest
    /// is unique). Outside any transaction, so that the refused insert does not end one.
    private static func webRespondent(_ codeDigest: String, in consultationID: UUID, language: String, at now: Date,
                                      on database: any Database) async throws -> Respondent {
        if let known = try await respondent(codeDigest, in: consultationID, on: database) { return known }
        let respondent = Respondent(consultationID: consultationID, channel: .web, codeDigest: codeDigest, language: language, groups: [],
                                    enteredByID: nil, at: now)
        do {
            try await respondent.create(on: database)
            return respondent
        } catch let error as any DatabaseError where error.isConstraintFailure {
            guard let known = try await self.respondent(codeDigest, in: consultationID, on: database) else { throw ListeningError.notFound }
            return known
        }
    }

    private static func store(_ given: Given?, to questionID: UUID, of respondentID: UUID, at now: Date, on database: any Database) async throws {
        let existing = try await Answer.query(on: database).filter(\.$respondentID == respondentID).filter(\.$questionID == questionID).first()
        guard let given else {
            try await existing?.delete(on: database)
            return
        }
        let answer = existing ?? Answer(respondentID: respondentID, questionID: questionID, at: now)
        // New words are not moderated yet; what was hidden of the old ones says nothing of them.
        if answer.text != given.text, existing != nil {
            answer.hidden = ""
            answer.moderation = .unmoderated
            answer.moderationVersion += 1
        }
        answer.choices = Respondent.numbers(given.choices)
        answer.scale = given.scale
        answer.text = given.text
        answer.consentQuote = given.consentQuote
        answer.consentPublish = given.consentPublish
        answer.consentTraining = given.consentTraining
        answer.updatedAt = now
        try await answer.save(on: database)
    }

    private static func dropUnasked(of respondentID: UUID, among questions: [Questions.Line], on database: any Database) async throws {
        let given = try await given(by: respondentID, on: database)
        let asked = Set(asked(questions, given: given).map(\.id))
        let unasked = given.keys.filter { !asked.contains($0) }
        if !unasked.isEmpty {
            try await Answer.query(on: database).filter(\.$respondentID == respondentID).filter(\.$questionID ~~ unasked).delete()
        }
    }

    // MARK: Entered by staff

    /// Answers typed in by staff from an interview, a workshop or a paper form: one respondent,
    /// marked with the channel and who entered it. Nothing is stored when nothing was given.
    public static func enter(
        _ answers: [UUID: Given], groups: [Int], channel: AnswerChannel, language: String, in consultation: Consultation,
        by accountID: UUID, at now: Date, on database: any Database
    ) async throws {
        guard channel.isEnteredByStaff else { throw ListeningError.notNow }
        guard consultation.state != .draft else { throw ListeningError.notOpen }
        guard !answers.isEmpty else { throw ListeningError.nothingGiven }
        let consultationID = try consultation.requireID()
        try await database.transaction { database in
            let respondent = Respondent(consultationID: consultationID, channel: channel, codeDigest: nil, language: language, groups: groups,
                                        enteredByID: accountID, at: now)
            try await respondent.create(on: database)
            for (questionID, given) in answers {
                try await store(given, to: questionID, of: try respondent.requireID(), at: now, on: database)
            }
        }
    }

    // MARK: For the team

    /// Respondents of a consultation who gave at least one answer (one who only said which groups
    /// fit them, or took every answer back, answered nothing).
    private static func answering(_ consultationID: UUID, _ sql: any SQLDatabase) -> SQLSelectBuilder {
        sql.select().from(Respondent.schema).where("consultation_id", .equal, consultationID)
            .where(SQLRaw("EXISTS (SELECT 1 FROM \(Answer.schema) a WHERE a.respondent_id = \(Respondent.schema).id)"))
    }

    /// How many answered, by channel, counted in the database. One query.
    public static func counts(of consultationID: UUID, on database: any Database) async throws -> [AnswerChannel: Int] {
        guard let sql = database as? any SQLDatabase else { return [:] }
        struct Row: Decodable { let channel: String; let respondents: Int }
        return try await answering(consultationID, sql).column("channel").column(SQLFunction("COUNT", args: SQLLiteral.all), as: "respondents")
            .groupBy("channel").all(decoding: Row.self)
            .reduce(into: [:]) { counts, row in AnswerChannel(rawValue: row.channel).map { counts[$0] = row.respondents } }
    }

    /// One respondent's answers as the team reads them.
    public struct Sheet: Sendable, Equatable {
        public let id: UUID
        public let channel: AnswerChannel
        public let language: String
        public let groups: [String]
        public let enteredBy: String?
        public let createdAt: Date
        public let updatedAt: Date
        public let answers: [(question: Questions.Line, given: Given)]
        /// For written answers, by question: the answer's id, its moderation and how many passages are hidden.
        public var moderation: [UUID: Moderated] = [:]
        /// Whom to contact, when a signed-in respondent asked to be: their name, and e-mail if any.
        public var contact: String?

        public init(id: UUID, channel: AnswerChannel, language: String, groups: [String], enteredBy: String?, createdAt: Date, updatedAt: Date,
                    answers: [(question: Questions.Line, given: Given)], moderation: [UUID: Moderated] = [:]) {
            self.id = id
            self.channel = channel
            self.language = language
            self.groups = groups
            self.enteredBy = enteredBy
            self.createdAt = createdAt
            self.updatedAt = updatedAt
            self.answers = answers
            self.moderation = moderation
        }

        public static func == (a: Sheet, b: Sheet) -> Bool {
            a.id == b.id && a.updatedAt == b.updatedAt && a.answers.map(\.given) == b.answers.map(\.given) && a.moderation == b.moderation
                && a.contact == b.contact
        }
    }

    public struct Moderated: Sendable, Equatable {
        public let answerID: UUID
        public let state: ModerationState
        public let hiddenCount: Int

        public init(answerID: UUID, state: ModerationState, hiddenCount: Int) {
            self.answerID = answerID
            self.state = state
            self.hiddenCount = hiddenCount
        }
    }

    /// A page of those who answered, newest first, with their answers. Six queries, whatever
    /// the page.
    public static func sheets(of consultation: Consultation, questions: [Questions.Line], page: ListPage, on database: any Database)
        async throws -> Paged<Sheet>
    {
        let consultationID = try consultation.requireID()
        guard let sql = database as? any SQLDatabase else { return Paged(items: [], page: page, total: 0) }
        struct Count: Decodable { let respondents: Int }
        let total = try await answering(consultationID, sql).column(SQLFunction("COUNT", args: SQLLiteral.all), as: "respondents")
            .first(decoding: Count.self)?.respondents ?? 0
        struct Row: Decodable { let id: UUID }
        let pageIDs = try await answering(consultationID, sql).column("id").orderBy("created_at", .descending).orderBy("id")
            .limit(page.size).offset(page.offset).all(decoding: Row.self).map(\.id)
        let found = pageIDs.isEmpty ? [] : try await Respondent.query(on: database).filter(\.$id ~~ pageIDs).all()
        let respondents = pageIDs.compactMap { id in found.first { $0.id == id } }
        let ids = respondents.compactMap(\.id)
        let answers = ids.isEmpty ? [] : try await Answer.query(on: database).filter(\.$respondentID ~~ ids).all()
        let names = try await Account.displayNames(of: respondents.compactMap(\.enteredByID), on: database)
        let byRespondent = Dictionary(grouping: answers, by: \.respondentID)
        let groups = consultation.groupList
        let contacts = Dictionary(try await Account.query(on: database).filter(\.$id ~~ respondents.compactMap(\.contactAccountID)).all().map {
            ($0.id!, $0.displayName + ($0.email.map { " <\($0)>" } ?? ""))
        }, uniquingKeysWith: { a, _ in a })
        let sheets = respondents.map { respondent in
            let given = Dictionary((byRespondent[respondent.id!] ?? []).map { ($0.questionID, Given($0)) }, uniquingKeysWith: { a, _ in a })
            var sheet = Sheet(
                id: respondent.id!, channel: respondent.channel, language: respondent.language,
                groups: respondent.groupList.compactMap { groups.indices.contains($0) ? groups[$0] : nil },
                enteredBy: respondent.enteredByID.map { names[$0] ?? "–" }, createdAt: respondent.createdAt, updatedAt: respondent.updatedAt,
                answers: questions.compactMap { question in given[question.id].map { (question, $0) } },
                moderation: Dictionary((byRespondent[respondent.id!] ?? []).filter { !$0.text.isEmpty }.map {
                    ($0.questionID, Moderated(answerID: $0.id!, state: $0.moderation, hiddenCount: Moderation.passages($0.hidden).count))
                }, uniquingKeysWith: { a, _ in a }))
            sheet.contact = respondent.contactAccountID.flatMap { contacts[$0] }
            return sheet
        }
        return Paged(items: sheets, page: page, total: total)
    }

    /// A signed-in respondent asks to be contacted about their answers (their account is stored
    /// on their answers), or no longer (it is taken away). Nothing happens for someone who has
    /// not answered.
    public static func contact(_ accountID: UUID?, codeDigest: String, in consultationID: UUID, on database: any Database) async throws {
        guard let respondent = try await respondent(codeDigest, in: consultationID, on: database) else { throw ListeningError.nothingGiven }
        respondent.contactAccountID = accountID
        try await respondent.update(on: database)
    }
}
