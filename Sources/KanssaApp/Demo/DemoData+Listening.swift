import Fluent
import Foundation
import KanssaCore
import Agenda
import Listening

extension DemoData {
    /// The code on Valencia's posters: its public page is at /c/TRABAJ.
    static let valenciaCode = ConsultationCode(typed: "TRABAJ")!

    /// Valencia's mentors asked people far from the labour market what would help them into work,
    /// having written down first what they expected to hear; it is open, its ledger frozen. In
    /// Houten, Sanne's team is preparing one about the information desk, its ledger still open.
    static func loadConsultations(
        accountIDs: [String: UUID], organisationIDs: [String: UUID], teamIDs: [String: UUID], timeZone: TimeZone, at now: Date,
        on database: any Database
    ) async throws {
        guard let javier = accountIDs["mentor@valencia.demo"], let sanne = accountIDs["sanne@houten.demo"],
              let valencia = organisationIDs[Self.valencia], let houten = organisationIDs[Self.houten],
              let mentors = teamIDs[Self.valencia + "/Mentors"], let workAndIncome = teamIDs[Self.houten + "/Work and income"]
        else { return }
        let day = 24.0 * 3600
        let written = now.addingTimeInterval(-20 * day)
        let asking = Consultation(
            organisationID: valencia, teamID: mentors, title: "What would help you into work?",
            purpose: "Before we plan next year's courses, we want to hear from you what would really help — not what we think would.",
            audience: "People far from the labour market", opensOn: PlanActions.day(now.addingTimeInterval(-14 * day), in: timeZone),
            closesOn: PlanActions.day(now.addingTimeInterval(14 * day), in: timeZone), groups: ["16–29", "30 or older", "Has children"],
            publicCode: Self.valenciaCode, createdByID: javier, at: written)
        try await asking.create(on: database)
        let beliefs: [(String, String, Int, String)] = [
            ("Participants want an entrepreneurship course like the one we run.", "Employment and entrepreneurship staff", 80,
             "Stop the course and ask what they want instead."),
            ("People prefer to come in the mornings.", "Mentors", 60, "Open the space in the afternoons and evenings."),
            ("Most have a computer at home.", "We", 40, "Lend laptops and keep the space open for those who have none."),
        ]
        for (index, belief) in beliefs.enumerated() {
            try await Assumption(
                consultationID: try asking.requireID(), statement: belief.0, heldBy: belief.1, confidence: belief.2, ifWrong: belief.3,
                addedAfterOpening: false, createdByID: javier, at: written.addingTimeInterval(Double(index) * 600)
            ).create(on: database)
        }
        let courseQuestion = Question(
            consultationID: try asking.requireID(), position: 1, kind: .singleChoice, text: "Would a course on starting a business help you?",
            choices: ["Yes", "No", "I am not sure"], conditionQuestionID: nil, conditionChoice: nil, at: written)
        try await courseQuestion.create(on: database)
        let questions: [(QuestionKind, String, [String], Int?)] = [
            (.openText, "What kind of course, and when could you come?", [], 0),
            (.openText, "What would help you more than a course?", [], nil),
            (.multipleChoice, "When could you come?", ["Mornings", "Afternoons", "Evenings", "Weekends"], nil),
            (.scale, "How easy is it for you to use a computer?", ["Very hard", "Very easy"], nil),
            (.story, "Tell us about a time when someone really helped you find work, or did not.", [], nil),
        ]
        for (index, question) in questions.enumerated() {
            try await Question(
                consultationID: try asking.requireID(), position: index + 2, kind: question.0, text: question.1, choices: question.2,
                conditionQuestionID: question.3.map { _ in courseQuestion.id! }, conditionChoice: question.3, at: written
            ).create(on: database)
        }
        try await translateIntoSpanish(asking, by: javier, at: written, on: database)
        try await Consultations.move(try asking.requireID(), from: .draft, to: .open, at: now.addingTimeInterval(-14 * day), on: database)
        try await loadAnswers(to: asking, by: javier, at: now, on: database)
        if let ana = accountIDs["ana@valencia.demo"] {
            try await loadCodebook(of: asking, coders: (javier, ana), at: now, on: database)
            try await loadOutcomes(of: asking, by: javier, owners: (javier, ana), at: now, on: database)
            try await loadSuggestions(of: try asking.requireID(), deciders: (javier, ana), at: now, on: database)
        }

        try await loadNieuwegein(accountIDs: accountIDs, organisationIDs: organisationIDs, teamIDs: teamIDs, timeZone: timeZone, at: now,
                                 on: database)

        let preparing = Consultation(
            organisationID: houten, teamID: workAndIncome, title: "Is the information desk there when you need it?",
            purpose: "We want to know whether people can reach the desk, and in which language they need us.",
            audience: "People who came to the information desk this year", opensOn: PlanActions.day(now.addingTimeInterval(7 * day), in: timeZone),
            closesOn: PlanActions.day(now.addingTimeInterval(35 * day), in: timeZone), publicCode: ConsultationCode(typed: "DESK26")!,
            createdByID: sanne, at: now.addingTimeInterval(-2 * day))
        try await preparing.create(on: database)
        try await Assumption(
            consultationID: try preparing.requireID(), statement: "Dutch and English are enough at the desk.", heldBy: "Work and income",
            confidence: 50, ifWrong: "Ask the community interpreters to hold hours at the desk.", addedAfterOpening: false,
            createdByID: sanne, at: now.addingTimeInterval(-2 * day)
        ).create(on: database)
        try await Question(
            consultationID: try preparing.requireID(), position: 1, kind: .singleChoice, text: "In which language would you like us to help you?",
            choices: ["Dutch", "English", "Arabic", "Turkish", "Tigrinya", "Another language"], conditionQuestionID: nil, conditionChoice: nil,
            at: now.addingTimeInterval(-2 * day)
        ).create(on: database)
    }

    /// What people told Valencia so far: on the web in Spanish and English, at a workshop and on
    /// paper. Most did not want the course; many asked for a place to work and someone to ask.
    private static func loadAnswers(to asking: Consultation, by javier: UUID, at now: Date, on database: any Database) async throws {
        // As it is now, open.
        guard let consultation = try await Consultation.find(try asking.requireID(), on: database) else { return }
        let questions = try await Questions.list(of: try consultation.requireID(), on: database)
        guard questions.count == 6 else { return }
        typealias Given = Answers.Given
        // (channel, language, groups, course choice, what kind of course, what would help more, when, computer, story, consents)
        let people: [(AnswerChannel, String, [Int], Int, String, String, [Int], Int?, String, (Bool, Bool, Bool))] = [
            (.web, "es", [0], 1, "", "Un sitio donde trabajar con ordenador e internet, y alguien a quien preguntar cuando me atasco.", [1, 2], 4,
             "", (false, false, false)),
            (.web, "es", [1, 2], 1, "", "Un lugar tranquilo mientras mis hijos están en el colegio. En casa no puedo concentrarme.", [0], 2,
             "Una mentora me ayudó a preparar la entrevista. Me llamó el día antes. Conseguí el trabajo.", (true, true, true)),
            (.web, "en", [0], 1, "", "Somewhere to work on my own ideas with people around me, not another course.", [2, 3], 5, "", (false, false, false)),
            (.web, "es", [1], 2, "", "Mentores que sepan de verdad cómo funciona un negocio pequeño aquí.", [1], 3, "", (false, false, false)),
            (.web, "es", [0], 0, "Algo corto sobre cómo hacer facturas y pagar a Hacienda. Por las tardes.", "", [1], 4, "", (false, false, false)),
            (.web, "en", [1, 2], 1, "", "Childcare during the hours I could work. And a desk.", [0], 3,
             "I waited three weeks for a mentor to call me back, and by then I had given up.", (true, false, true)),
            (.web, "es", [1], 1, "", "Internet y una impresora. No tengo ordenador en casa. Llamadme al 612 345 678.", [1, 2], 1, "",
             (false, false, false)),
            (.web, "en", [0], 1, "", "A mentor who answers e-mail: write to me at sam.okafor@example.org", [2], 4, "", (false, false, false)),
            (.workshop, "es", [0], 1, "", "Un espacio compartido, con mentores cuando los necesitamos, no a una hora fija.", [1, 2], 4, "",
             (false, false, false)),
            (.workshop, "es", [1], 1, "", "Conocer a otras personas que están empezando algo.", [2], 3,
             "En el curso del año pasado nadie me preguntó qué quería hacer yo.", (true, true, false)),
            (.workshop, "es", [1, 2], 2, "", "Ayuda con los papeles del paro y del alta de autónomo.", [0], 2, "", (false, false, false)),
            (.workshop, "es", [0], 1, "", "Un ordenador y wifi. Y que alguien me diga si mi idea tiene sentido.", [1, 3], 3, "", (false, false, false)),
            (.paper, "es", [1], 1, "", "Un sitio cerca del barrio. El centro está lejos y el autobús es caro.", [0], 1, "", (false, false, false)),
            (.paper, "es", [], 0, "Un curso de informática básica, por la mañana.", "", [0], 1, "", (false, false, false)),
        ]
        var phoneAnswer: UUID?
        for (index, person) in people.enumerated() {
            var given: [UUID: Given] = [questions[0].id: Given(choices: [person.3])]
            if person.3 == 0, !person.4.isEmpty { given[questions[1].id] = Given(text: person.4) }
            if !person.5.isEmpty { given[questions[2].id] = Given(text: person.5) }
            given[questions[3].id] = Given(choices: person.6)
            if let scale = person.7 { given[questions[4].id] = Given(scale: scale) }
            if !person.8.isEmpty {
                given[questions[5].id] = Given(text: person.8, consentQuote: person.9.0, consentPublish: person.9.1, consentTraining: person.9.2)
            }
            let at = now.addingTimeInterval(-Double(13 - index) * 24 * 3600)
            if person.0 == .web {
                // Web respondents' private codes were never anyone's: a digest of nothing that can be typed.
                let digest = "demo-\(index)"
                for question in questions where given[question.id] != nil {
                    try await Answers.save(given[question.id], to: question, among: questions, in: consultation, codeDigest: digest,
                                           language: person.1, at: at, on: database)
                }
                try await Answers.saveGroups(person.2, in: consultation, codeDigest: digest, language: person.1, at: at, on: database)
                if person.5.contains("612 345 678"), let respondent = try await Answers.respondent(digest, in: consultation.requireID(), on: database) {
                    phoneAnswer = try await Answer.query(on: database).filter(\.$respondentID == respondent.requireID())
                        .filter(\.$questionID == questions[2].id).first()?.id
                }
            } else {
                try await Answers.enter(given, groups: person.2, channel: person.0, language: person.1, in: consultation, by: javier, at: at,
                                        on: database)
            }
        }
        // Javier hid the phone number someone left; the e-mail address waits for a moderator.
        if let phoneAnswer, let answer = try await Answer.find(phoneAnswer, on: database),
           let phone = PersonalData.find(in: answer.text).first,
           case .success(let checked) = Moderation.check(.init(hide: [phone.passage.stored], reason: "Un número de teléfono."), text: answer.text)
        {
            _ = try await Moderation.moderate(phoneAnswer, checked, seenVersion: answer.moderationVersion, by: javier, at: now, on: database)
        }
    }

    /// Valencia asks in Spanish too. The story question is not translated yet: people reading in
    /// Spanish see it in English, and are told so.
    private static func translateIntoSpanish(_ consultation: Consultation, by javier: UUID, at now: Date, on database: any Database) async throws {
        let consultationID = try consultation.requireID()
        try await Translations.addLanguage("es", to: consultationID, on: database)
        let questions = try await Questions.list(of: consultationID, on: database)
        guard questions.count == 6 else { return }
        let texts: [(UUID, TranslatedField, String)] = [
            (consultationID, .title, "¿Qué te ayudaría a encontrar trabajo?"),
            (consultationID, .purpose, "Antes de planificar los cursos del año que viene, queremos saber de ti qué te ayudaría de verdad — no lo que nosotros creemos."),
            (consultationID, .audience, "Personas alejadas del mercado laboral"),
            (consultationID, .groups, "16–29\n30 o más\nTiene hijos"),
            (questions[0].id, .text, "¿Te ayudaría un curso para crear una empresa?"),
            (questions[0].id, .choices, "Sí\nNo\nNo estoy seguro/a"),
            (questions[1].id, .text, "¿Qué tipo de curso, y cuándo podrías venir?"),
            (questions[2].id, .text, "¿Qué te ayudaría más que un curso?"),
            (questions[3].id, .text, "¿Cuándo podrías venir?"),
            (questions[3].id, .choices, "Por la mañana\nPor la tarde\nPor la noche\nLos fines de semana"),
            (questions[4].id, .text, "¿Te resulta fácil usar un ordenador?"),
            (questions[4].id, .choices, "Muy difícil\nMuy fácil"),
        ]
        for (subject, field, text) in texts {
            try await Translation(consultationID: consultationID, subjectID: subject, field: field, language: "es", text: text, by: javier, at: now)
                .create(on: database)
        }
    }

    /// Javier and Ana read what people said would help more than a course, each on their own;
    /// they agree on most and disagree on a few, to talk through.
    private static func loadCodebook(of consultation: Consultation, coders: (UUID, UUID), at now: Date, on database: any Database) async throws {
        let consultationID = try consultation.requireID()
        let themes: [(String, String, String?)] = [
            ("A place to work", "A desk, quiet, a room of one's own for some hours", nil),
            ("Internet and a computer", "Equipment people do not have at home", "A place to work"),
            ("Mentors on demand", "Someone to ask when stuck, when it is needed rather than at set hours", nil),
            ("Childcare", "Care for children during the hours people could work", nil),
            ("Help with paperwork", "Benefits, registering as self-employed, taxes", nil),
            ("A course after all", "Asking for a course, of whatever kind", nil),
        ]
        var ids: [String: UUID] = [:]
        for (index, theme) in themes.enumerated() {
            let made = Theme(consultationID: consultationID, parentID: theme.2.flatMap { ids[$0] }, name: theme.0, description: theme.1,
                             createdByID: coders.0, at: now.addingTimeInterval(Double(index - 100)))
            try await made.create(on: database)
            ids[theme.0] = try made.requireID()
        }
        let questions = try await Questions.list(of: consultationID, on: database)
        guard questions.count == 6 else { return }
        let respondents = try await Respondent.query(on: database).filter(\.$consultationID == consultationID).all()
        let answers = try await Answer.query(on: database).filter(\.$respondentID ~~ respondents.compactMap(\.id))
            .filter(\.$questionID ~~ [questions[1].id, questions[2].id]).all()
        // Words in an answer → the themes each coder gave it.
        let readings: [(String, [String], [String])] = [
            ("ordenador e internet", ["A place to work", "Internet and a computer", "Mentors on demand"], ["Internet and a computer", "Mentors on demand"]),
            ("Un lugar tranquilo", ["A place to work", "Childcare"], ["A place to work", "Childcare"]),
            ("Somewhere to work", ["A place to work"], ["A place to work"]),
            ("Mentores que sepan", ["Mentors on demand"], ["Mentors on demand"]),
            ("Childcare during", ["Childcare", "A place to work"], ["Childcare"]),
            ("Internet y una impresora", ["Internet and a computer"], ["Internet and a computer"]),
            ("Un espacio compartido", ["A place to work", "Mentors on demand"], ["A place to work", "Mentors on demand"]),
            ("Conocer a otras personas", ["A place to work"], []),
            ("papeles del paro", ["Help with paperwork"], ["Help with paperwork"]),
            ("Un ordenador y wifi", ["Internet and a computer", "Mentors on demand"], ["Internet and a computer", "Mentors on demand"]),
            ("facturas y pagar a Hacienda", ["A course after all", "Help with paperwork"], ["A course after all"]),
            ("informática básica", ["A course after all"], ["A course after all", "Internet and a computer"]),
        ]
        for (words, first, second) in readings {
            guard let answer = answers.first(where: { $0.text.contains(words) }), let answerID = answer.id else { continue }
            for (coder, names) in [(coders.0, first), (coders.1, second)] {
                for name in names {
                    guard let themeID = ids[name] else { continue }
                    try await Coding(answerID: answerID, themeID: themeID, coderID: coder, passage: nil, at: now).create(on: database)
                }
            }
        }
        // A passage: the words that say it best.
        if let answer = answers.first(where: { $0.text.contains("alguien a quien preguntar") }), let themeID = ids["Mentors on demand"],
           let range = answer.text.range(of: "alguien a quien preguntar cuando me atasco")
        {
            try await Coding(answerID: answer.requireID(), themeID: themeID, coderID: coders.0, passage: Passage(range, in: answer.text), at: now)
                .create(on: database)
        }
        // The stories whose tellers let them be published: read by Javier, nothing to hide; one
        // of them coded, so that it stands on the public page under its theme.
        let stories = try await Answer.query(on: database).filter(\.$respondentID ~~ respondents.compactMap(\.id))
            .filter(\.$questionID == questions[5].id).filter(\.$consentPublish == true).all()
        for story in stories {
            guard let storyID = story.id,
                  case .success(let checked) = Moderation.check(.init(reason: "Nada que ocultar."), text: story.text) else { continue }
            _ = try await Moderation.moderate(storyID, checked, seenVersion: story.moderationVersion, by: coders.0, at: now, on: database)
            if story.text.contains("Una mentora"), let themeID = ids["Mentors on demand"] {
                try await Coding(answerID: storyID, themeID: themeID, coderID: coders.0, passage: nil, at: now).create(on: database)
            }
        }
    }

    /// What the answers did to Valencia's beliefs, and what the mentors decided: the course
    /// stopped, a co-working space with mentors on demand started — both done — and mentors'
    /// waiting times being changed.
    /// Themes suggested from the Spanish answers: one taken in under a name of Ana's, one turned
    /// down by Javier, the rest waiting.
    private static func loadSuggestions(of consultationID: UUID, deciders: (UUID, UUID), at now: Date, on database: any Database) async throws {
        guard case .success(let runID) = try await Suggestions.start(
            consultationID: consultationID, language: "es", wanted: 3, by: deciders.0, at: now.addingTimeInterval(-2 * 3600), on: database)
        else { return }
        await Suggestions.work(runID, clustering: { texts, wanted, progress in TextClusters.cluster(texts, count: wanted, progress: progress) },
                               now: { now.addingTimeInterval(-2 * 3600 + 5) }, on: database)
        let suggestions = try await ThemeSuggestion.query(on: database).filter(\.$runID == runID).sort(\.$position).all()
        guard suggestions.count >= 3 else { return }
        _ = try await Suggestions.decide(suggestions[0].requireID(), of: consultationID, choice: .rename, name: "Somewhere near, with others",
                                         by: deciders.1, at: now.addingTimeInterval(-50), on: database)
        _ = try await Suggestions.decide(suggestions[2].requireID(), of: consultationID, choice: .reject, name: "",
                                         by: deciders.0, at: now.addingTimeInterval(-40), on: database)
    }

    private static func loadOutcomes(of consultation: Consultation, by javier: UUID, owners: (UUID, UUID), at now: Date,
                                     on database: any Database) async throws {
        let day = 24.0 * 3600
        let consultationID = try consultation.requireID()
        let assumptions = try await Assumption.query(on: database).filter(\.$consultationID == consultationID).sort(\.$createdAt).all()
        let themes = try await Codebook.themes(of: consultationID, on: database)
        guard assumptions.count == 3, themes.count == 6 else { return }
        func evidence(_ names: [String]) async throws -> [UUID] {
            let ids = themes.filter { names.contains($0.name) }.map(\.id)
            return try await Coding.query(on: database).filter(\.$themeID ~~ ids).filter(\.$coderID == javier).sort(\.$createdAt).all()
                .compactMap(\.id).prefix(4).map { $0 }
        }
        let readings: [(VerdictKind, String, [String])] = [
            (.overturned, "Most who answered the course question said no. In their own words they asked for a place to work and someone "
                + "to ask when stuck, not for a course.", ["A place to work", "Mentors on demand"]),
            (.challenged, "Mornings suit some, but parents can come only while their children are at school, and several asked for "
                + "the evenings.", ["Childcare"]),
            (.overturned, "Many have no computer or internet at home: it is one of the things they asked for most.", ["Internet and a computer"]),
        ]
        var verdicts: [UUID] = []
        for (assumption, reading) in zip(assumptions, readings) {
            guard case .success(let checked) = Verdicts.check(.init(kind: reading.0.rawValue, reasoning: reading.1,
                                                                     evidence: try await evidence(reading.2).map(\.uuidString))),
                  try await Verdicts.give(checked, on: assumption.requireID(), in: consultationID, by: javier,
                                          at: now.addingTimeInterval(-6 * day), on: database) == nil
            else { continue }
            if let verdict = try await Verdicts.standing(on: [assumption.requireID()], on: database)[assumption.requireID()] {
                verdicts.append(try verdict.requireID())
            }
        }
        guard verdicts.count == 3 else { return }
        let decisions: [(DecisionKind, String, String, UUID, Double, [UUID], [(DecisionStatus, String, Double)])] = [
            (.stop, "The entrepreneurship course", "People far from the labour market told us they did not want it. We had thought it "
                + "essential; it was not what would help them.", owners.0, -1, [verdicts[0]],
             [(.underWay, "Told the trainers; the spring groups are cancelled and those who signed up were called.", -5),
              (.done, "The last group finished. No new group starts.", -2)]),
            (.start, "A co-working space with mentors on demand", "A desk, wifi and a computer to lend, and a mentor to ask when "
                + "someone is stuck, open in the afternoons and evenings too.", owners.0, -1, [verdicts[0], verdicts[1], verdicts[2]],
             [(.underWay, "A room at the employment office: six desks, wifi, four laptops to lend.", -4),
              (.done, "Open Monday to Friday, 9 to 20. Mentors on call.", -1)]),
            (.change, "Mentors' waiting times", "On demand means soon: people should not wait days for an answer.", owners.1, 30,
             [verdicts[0]], [(.underWay, "Mentors answer within one working day; we are counting how long people wait.", -1)]),
        ]
        for (index, decision) in decisions.enumerated() {
            guard case .success(let checked) = Decisions.check(
                .init(kind: decision.0.rawValue, subject: decision.1, reason: decision.2, owner: decision.3.uuidString,
                      dueOn: PlanActions.day(now.addingTimeInterval(decision.4 * day), in: .gmt), grounds: decision.5.map(\.uuidString)),
                owners: try await Decisions.owners(of: consultation, on: database),
                grounds: try await Decisions.grounds(of: consultationID, on: database), timeZone: .gmt)
            else { continue }
            let id = try await Decisions.take(checked, in: consultationID, by: javier, at: now.addingTimeInterval(Double(index - 6) * day),
                                              on: database)
            var status = DecisionStatus.planned
            for update in decision.6 {
                guard case .success(let checked) = Decisions.check(.init(status: update.0.rawValue, note: update.1), current: status) else { continue }
                try await Decisions.update(id, in: consultationID, with: checked, by: decision.3, at: now.addingTimeInterval(update.2 * day),
                                           on: database)
                status = update.0
            }
        }
    }

    /// Nieuwegein asked residents of a street with litter why it gathered by the containers.
    /// Staff believed people did not care and that the smart-card locks kept rubbish in check;
    /// residents said the locks were the problem. The locks came off: decided and done.
    private static func loadNieuwegein(
        accountIDs: [String: UUID], organisationIDs: [String: UUID], teamIDs: [String: UUID], timeZone: TimeZone, at now: Date,
        on database: any Database
    ) async throws {
        guard let ruud = accountIDs["ruud@nieuwegein.demo"], let organisation = organisationIDs[Self.nieuwegein],
              let team = teamIDs[Self.nieuwegein + "/Neighbourhood team"]
        else { return }
        let day = 24.0 * 3600
        let asked = Consultation(
            organisationID: organisation, teamID: team, title: "Why does rubbish gather by the containers?",
            purpose: "Residents of the street told us about litter. Before we fine anyone, we want to hear why it happens.",
            audience: "Residents of the street", opensOn: PlanActions.day(now.addingTimeInterval(-90 * day), in: timeZone),
            closesOn: PlanActions.day(now.addingTimeInterval(-60 * day), in: timeZone), language: "en",
            publicCode: ConsultationCode(typed: "AFVAK7")!, createdByID: ruud, at: now.addingTimeInterval(-95 * day))
        try await asked.create(on: database)
        let consultationID = try asked.requireID()
        let beliefs: [(String, Int)] = [("Residents do not care whether the street is clean.", 70),
                                        ("The smart-card locks stop people leaving rubbish by the containers.", 80)]
        for (index, belief) in beliefs.enumerated() {
            try await Assumption(consultationID: consultationID, statement: belief.0, heldBy: "Neighbourhood team", confidence: belief.1,
                                 ifWrong: "Ask what would help, and change the containers if they are the problem.", addedAfterOpening: false,
                                 createdByID: ruud, at: now.addingTimeInterval(-95 * day + Double(index) * 600)).create(on: database)
        }
        let question = Question(consultationID: consultationID, position: 1, kind: .openText,
                                text: "Why do you think rubbish is left next to the containers?", choices: [], conditionQuestionID: nil,
                                conditionChoice: nil, at: now.addingTimeInterval(-95 * day))
        try await question.create(on: database)
        try await Consultations.move(consultationID, from: .draft, to: .open, at: now.addingTimeInterval(-90 * day), on: database)
        guard let open = try await Consultation.find(consultationID, on: database) else { return }
        let said = [
            "The card reader is broken half the time, so the bag goes next to it.",
            "I moved here in spring and never got a card.",
            "The lock jams when it freezes. I do care about the street, I just cannot open it.",
            "My mother cannot lift the lid and hold the card at the same time.",
            "Everyone here cares. The containers are the problem, not us.",
            "The locked lid is too small for a full bag.",
        ]
        for (index, text) in said.enumerated() {
            try await Answers.enter([question.id!: Answers.Given(text: text)], groups: [], channel: index < 4 ? .workshop : .paper, language: "en",
                                    in: open, by: ruud, at: now.addingTimeInterval(-80 * day + Double(index) * 600), on: database)
        }
        let locks = Theme(consultationID: consultationID, parentID: nil, name: "The locks get in the way",
                          description: "Broken readers, no card, a lid too small or too heavy", createdByID: ruud, at: now.addingTimeInterval(-70 * day))
        try await locks.create(on: database)
        let caring = Theme(consultationID: consultationID, parentID: nil, name: "People care about the street", description: "",
                           createdByID: ruud, at: now.addingTimeInterval(-70 * day))
        try await caring.create(on: database)
        let answers = try await Answer.query(on: database).filter(\.$questionID == question.requireID()).all()
        var codings: [String: [UUID]] = [:]
        for answer in answers {
            let themes = answer.text.contains("care") ? [locks, caring] : [locks]
            for theme in themes {
                let coding = Coding(answerID: try answer.requireID(), themeID: try theme.requireID(), coderID: ruud, passage: nil,
                                    at: now.addingTimeInterval(-70 * day))
                try await coding.create(on: database)
                codings[theme.name, default: []].append(try coding.requireID())
            }
        }
        try await Consultations.move(consultationID, from: .open, to: .closed, at: now.addingTimeInterval(-60 * day), on: database)
        let assumptions = try await Assumption.query(on: database).filter(\.$consultationID == consultationID).sort(\.$createdAt).all()
        let readings: [(VerdictKind, String, String)] = [
            (.overturned, "Residents said they care; they cannot use the containers.", caring.name),
            (.overturned, "The locks are why rubbish is left outside: broken readers, no card, lids too small or too heavy.", locks.name),
        ]
        for (assumption, reading) in zip(assumptions, readings) {
            guard case .success(let checked) = Verdicts.check(.init(kind: reading.0.rawValue, reasoning: reading.1,
                                                                     evidence: (codings[reading.2] ?? []).map(\.uuidString)))
            else { continue }
            _ = try await Verdicts.give(checked, on: assumption.requireID(), in: consultationID, by: ruud,
                                        at: now.addingTimeInterval(-58 * day), on: database)
        }
        guard case .success(let decision) = Decisions.check(
            .init(kind: DecisionKind.stop.rawValue, subject: "Locking the waste containers with a smart card",
                  reason: "The locks kept residents out more than rubbish in. The containers on the street open without a card now.",
                  owner: ruud.uuidString, dueOn: PlanActions.day(now.addingTimeInterval(-30 * day), in: timeZone),
                  grounds: try await Decisions.grounds(of: consultationID, on: database).map(\.verdictID.uuidString)),
            owners: try await Decisions.owners(of: asked, on: database), grounds: try await Decisions.grounds(of: consultationID, on: database),
            timeZone: timeZone)
        else { return }
        let decisionID = try await Decisions.take(decision, in: consultationID, by: ruud, at: now.addingTimeInterval(-57 * day), on: database)
        var status = DecisionStatus.planned
        for (next, note, daysAgo) in [(DecisionStatus.underWay, "The waste company agreed to take the locks off.", 50.0),
                                      (.done, "The locks are off. We walked the street a month later: far less rubbish.", 25.0)] {
            guard case .success(let update) = Decisions.check(.init(status: next.rawValue, note: note), current: status) else { continue }
            try await Decisions.update(decisionID, in: consultationID, with: update, by: ruud, at: now.addingTimeInterval(-daysAgo * day),
                                       on: database)
            status = next
        }
    }
}
