import Agenda
import Fluent
import Foundation
import KanssaCore
import Listening

/// A consultation at scale, for measuring the public answer, the team's pages and the public
/// report: `respondents` people answering four questions each (half of the answers written text
/// of realistic length in English, Spanish, Finnish and Dutch), every text coded by two people
/// with two themes each, most texts moderated, a frozen ledger with verdicts and decisions.
/// Deterministic: the same number gives the same answers.
struct ConsultationScaleData {
    static let organisationName = "Listening benchmark"
    /// A member of the consultation's team.
    static let listenerLogin = "listener@scale.test"
    static let code = ConsultationCode(typed: "SCA234")!

    let respondents: Int

    /// The questions, by position: 1 single choice, 2 open text, 3 multiple choice, 4 scale, 5 story.
    static let textQuestions = [2, 5]

    struct Loaded {
        let consultationID: UUID
        let answers: Int
        let codings: Int
    }

    func load(on database: any Database, at now: Date, passwordHash: String) async throws -> Loaded {
        let day = 24.0 * 3600
        let organisation = Organisation(id: UUID(), name: Self.organisationName, defaultLanguage: "en", createdAt: now)
        let team = Team(id: UUID(), organisationID: organisation.id!, name: "Listeners", createdAt: now)
        let listener = Account(id: UUID(), login: Self.listenerLogin, displayName: "Listener", preferredLanguage: "en",
                               passwordHash: passwordHash, createdAt: now)
        let second = Account(id: UUID(), login: "second-coder@scale.test", displayName: "Second coder", preferredLanguage: "en",
                             passwordHash: passwordHash, createdAt: now)
        let written = now.addingTimeInterval(-40 * day)
        let consultation = Consultation(
            organisationID: organisation.id!, teamID: team.id!, title: "What would help you into work?",
            purpose: "Before we plan next year's services, we want to hear what would really help.",
            audience: "People far from the labour market", opensOn: PlanActions.day(now.addingTimeInterval(-30 * day), in: .gmt),
            closesOn: PlanActions.day(now.addingTimeInterval(60 * day), in: .gmt), groups: ["16–29", "30 or older", "Has children"],
            publicCode: Self.code, createdByID: listener.id!, at: written)
        consultation.languages = "en,es,fi,nl"
        try await database.transaction { database in
            try await organisation.create(on: database)
            try await team.create(on: database)
            for account in [listener, second] {
                try await account.create(on: database)
                try await Membership(accountID: account.id!, organisationID: organisation.id!, role: .professional, createdAt: now)
                    .create(on: database)
                try await TeamMembership.join(team.id!, accountID: account.id!, at: now, on: database)
            }
            try await consultation.create(on: database)
        }
        let consultationID = try consultation.requireID()
        var questions: [Question] = []
        let asked: [(QuestionKind, String, [String])] = [
            (.singleChoice, "Would a course on starting a business help you?", ["Yes", "No", "I am not sure"]),
            (.openText, "What would help you more than a course?", []),
            (.multipleChoice, "When could you come?", ["Mornings", "Afternoons", "Evenings", "Weekends"]),
            (.scale, "How easy is it for you to use a computer?", ["Very hard", "Very easy"]),
            (.story, "Tell us about a time when someone really helped you find work, or did not.", []),
        ]
        for (index, question) in asked.enumerated() {
            let made = Question(consultationID: consultationID, position: index + 1, kind: question.0, text: question.1, choices: question.2,
                                conditionQuestionID: nil, conditionChoice: nil, at: written)
            try await made.create(on: database)
            questions.append(made)
        }
        let assumptions = [
            Assumption(consultationID: consultationID, statement: "Participants want an entrepreneurship course.", heldBy: "Staff",
                       confidence: 80, ifWrong: "Stop the course.", addedAfterOpening: false, createdByID: listener.id!, at: written),
            Assumption(consultationID: consultationID, statement: "People prefer to come in the mornings.", heldBy: "Mentors",
                       confidence: 60, ifWrong: "Open in the afternoons.", addedAfterOpening: false, createdByID: listener.id!, at: written),
        ]
        for assumption in assumptions { try await assumption.create(on: database) }
        var themes: [Theme] = []
        for (index, theme) in ScaleTexts.themes.enumerated() {
            let made = Theme(consultationID: consultationID, parentID: index >= 6 ? themes[index - 6].id : nil, name: theme.name,
                             description: theme.description, createdByID: listener.id!, at: written)
            made.id = UUID()
            themes.append(made)
        }
        try await ScaleData.insert(themes, on: database)
        try await Consultations.move(consultationID, from: .draft, to: .open, at: now.addingTimeInterval(-30 * day), on: database)

        var dice = ScaleData.Dice(state: 20_000)
        var answerCount = 0
        var codings: [Coding] = []
        var codingCount = 0
        for start in stride(from: 0, to: respondents, by: 500) {
            var people: [Respondent] = [], answers: [Answer] = [], steps: [ModerationStep] = []
            codings = []
            for index in start..<min(start + 500, respondents) {
                let at = now.addingTimeInterval(-Double(dice.next(29 * 24 * 60)) * 60)
                let channel: AnswerChannel = index % 10 == 8 ? .workshop : index % 10 == 9 ? .paper : .web
                let language = ScaleTexts.languages[index % ScaleTexts.languages.count]
                let groups = [0, 1, 2].filter { _ in dice.next(3) == 0 }
                let person = Respondent(consultationID: consultationID, channel: channel, codeDigest: channel == .web ? "scale-\(index)" : nil,
                                        language: language, groups: groups, enteredByID: channel == .web ? nil : listener.id!, at: at)
                person.id = UUID()
                people.append(person)
                func answer(_ position: Int) -> Answer {
                    let made = Answer(respondentID: person.id!, questionID: questions[position - 1].id!, at: at)
                    made.id = UUID()
                    answers.append(made)
                    return made
                }
                answer(1).choices = String(dice.next(10) < 7 ? 1 : dice.next(3))
                // Every other person answers the when, the others the scale: four answers each.
                if index % 2 == 0 {
                    answer(3).choices = [0, 1, 2, 3].filter { _ in dice.next(2) == 0 }.map(String.init).joined(separator: ",")
                } else {
                    answer(4).scale = 1 + dice.next(5)
                }
                for position in Self.textQuestions {
                    let text = answer(position)
                    let first = dice.next(6), other = (first + 1 + dice.next(5)) % 6
                    text.text = ScaleTexts.answer(themes: [first, other], language: language, story: position == 5, dice: &dice)
                    if position == 5 {
                        text.consentQuote = dice.next(2) == 0
                        text.consentPublish = text.consentQuote && dice.next(2) == 0
                    }
                    if dice.next(10) < 9 {
                        text.moderation = .moderated
                        text.moderationVersion = 1
                        steps.append(ModerationStep(answerID: text.id!, moderatorID: listener.id!, state: .moderated, hidden: "",
                                                    reason: "Nothing to hide.", at: at.addingTimeInterval(day)))
                    }
                    // The second coder agrees on the main theme nine times in ten, on the other less often.
                    // The first three themes have a narrower one under them, used now and then.
                    let seen = [first < 3 && dice.next(3) == 0 ? first + 6 : first, other]
                    let secondSeen = [dice.next(10) < 9 ? seen[0] : other, dice.next(10) < 6 ? seen[1] : (other + 1) % 6]
                    for (coder, picked) in [(listener.id!, seen), (second.id!, secondSeen)] {
                        for theme in Set(picked) {
                            codings.append(Coding(answerID: text.id!, themeID: themes[theme].id!, coderID: coder, passage: nil,
                                                  at: at.addingTimeInterval(2 * day)))
                        }
                    }
                }
            }
            answerCount += answers.count
            codingCount += codings.count
            let (newPeople, newAnswers, newSteps, newCodings) = (people, answers, steps, codings)
            try await database.transaction { database in
                try await ScaleData.insert(newPeople, on: database)
                try await ScaleData.insert(newAnswers, on: database)
                try await ScaleData.insert(newSteps, on: database)
                try await ScaleData.insert(newCodings, on: database)
            }
        }
        try await loadOutcomes(assumptions, evidence: codings.prefix(4).compactMap(\.id), owner: listener.id!, consultationID: consultationID,
                               at: now, on: database)
        return Loaded(consultationID: consultationID, answers: answerCount, codings: codingCount)
    }

    /// The course assumption overturned and the mornings one challenged; the course stopped, a
    /// co-working space started and done, the opening hours being changed.
    private func loadOutcomes(_ assumptions: [Assumption], evidence: [UUID], owner: UUID, consultationID: UUID, at now: Date,
                              on database: any Database) async throws {
        let day = 24.0 * 3600
        let verdicts = [
            Verdict(assumptionID: try assumptions[0].requireID(), kind: .overturned,
                    reasoning: "Most said no to the course and asked for a place to work.", givenByID: owner, at: now.addingTimeInterval(-5 * day)),
            Verdict(assumptionID: try assumptions[1].requireID(), kind: .challenged,
                    reasoning: "Parents can come only while children are at school.", givenByID: owner, at: now.addingTimeInterval(-5 * day)),
        ]
        for verdict in verdicts { try await verdict.create(on: database) }
        for coding in evidence { try await VerdictEvidence(verdictID: try verdicts[0].requireID(), codingID: coding).create(on: database) }
        let decisions: [(DecisionKind, String, DecisionStatus, Int)] = [
            (.stop, "The entrepreneurship course", .done, 0),
            (.start, "A co-working space with mentors on demand", .done, 0),
            (.change, "The opening hours", .underWay, 1),
        ]
        for (kind, subject, status, ground) in decisions {
            let decision = Decision(consultationID: consultationID, kind: kind, subject: subject, reason: "What people told us.", ownerID: owner,
                                    dueOn: PlanActions.day(now.addingTimeInterval(30 * day), in: .gmt), createdByID: owner,
                                    at: now.addingTimeInterval(-4 * day))
            decision.status = status
            try await decision.create(on: database)
            try await DecisionGround(decisionID: try decision.requireID(), verdictID: try verdicts[ground].requireID()).create(on: database)
            try await DecisionUpdate(decisionID: try decision.requireID(), status: status, note: "Under way as planned.", byID: owner,
                                     at: now.addingTimeInterval(-2 * day)).create(on: database)
        }
    }
}

/// Answers people might write, in four of the pilots' languages, put together from a few
/// sentences per theme so that 10,000 of them are not all alike.
enum ScaleTexts {
    static let languages = ["en", "es", "fi", "nl"]

    struct ThemeText {
        let name: String
        let description: String
    }

    /// Six themes and three narrower ones under the first three.
    static let themes: [ThemeText] = [
        .init(name: "A place to work", description: "A desk, quiet, a room for some hours"),
        .init(name: "Mentors on demand", description: "Someone to ask when stuck"),
        .init(name: "Childcare", description: "Care for children while people work"),
        .init(name: "Help with paperwork", description: "Benefits, registering, taxes"),
        .init(name: "Internet and a computer", description: "Equipment people do not have"),
        .init(name: "A course after all", description: "Asking for a course"),
        .init(name: "Near home", description: "A place close to where people live"),
        .init(name: "Answers by e-mail", description: "Mentors who answer between meetings"),
        .init(name: "After school hours", description: "Care in the afternoons"),
    ]

    /// Per language, per theme (as in ``themes``' first six), sentences that say it.
    static let sentences: [String: [[String]]] = [
        "en": [
            ["Somewhere quiet to work with other people around me.", "A desk I can use a few hours a day, near my home."],
            ["Someone to ask when I get stuck, not only at fixed hours.", "A mentor who knows how a small business works here."],
            ["Childcare during the hours I could work.", "I can only come while my children are at school."],
            ["Help with the forms for benefits and registering as self-employed.", "Someone to explain the tax papers to me."],
            ["I have no computer at home and the internet is expensive.", "A printer and wifi would already help a lot."],
            ["A short course on invoices would be useful after all.", "Basic computer lessons in the morning."],
        ],
        "es": [
            ["Un sitio tranquilo donde trabajar con otras personas.", "Una mesa que pueda usar unas horas al día, cerca de casa."],
            ["Alguien a quien preguntar cuando me atasco, no solo a una hora fija.", "Mentores que sepan cómo funciona un negocio pequeño aquí."],
            ["Cuidado de los niños durante las horas en que podría trabajar.", "Solo puedo venir mientras mis hijos están en el colegio."],
            ["Ayuda con los papeles del paro y del alta de autónomo.", "Alguien que me explique los papeles de Hacienda."],
            ["No tengo ordenador en casa y internet es caro.", "Una impresora y wifi ya me ayudarían mucho."],
            ["Un curso corto sobre facturas me vendría bien.", "Clases de informática básica por la mañana."],
        ],
        "fi": [
            ["Rauhallinen paikka tehdä töitä muiden ihmisten seurassa.", "Työpöytä, jota voisin käyttää muutaman tunnin päivässä."],
            ["Joku, jolta kysyä, kun jään jumiin, eikä vain tiettyinä aikoina.", "Mentori, joka tuntee pienyrityksen arjen täällä."],
            ["Lastenhoito niinä tunteina, kun voisin tehdä töitä.", "Pääsen tulemaan vain, kun lapset ovat koulussa."],
            ["Apua työttömyysetuuden ja toiminimen lomakkeiden kanssa.", "Joku, joka selittää verottajan paperit."],
            ["Minulla ei ole kotona tietokonetta ja netti on kallis.", "Tulostin ja langaton verkko auttaisivat jo paljon."],
            ["Lyhyt kurssi laskutuksesta olisi sittenkin hyödyllinen.", "Tietokoneen perusteita aamupäivisin."],
        ],
        "nl": [
            ["Een rustige plek om te werken met andere mensen om me heen.", "Een bureau dat ik een paar uur per dag kan gebruiken."],
            ["Iemand om te vragen als ik vastloop, niet alleen op vaste uren.", "Een mentor die weet hoe een klein bedrijf hier werkt."],
            ["Kinderopvang tijdens de uren dat ik zou kunnen werken.", "Ik kan alleen komen als mijn kinderen op school zijn."],
            ["Hulp met de formulieren voor een uitkering en de inschrijving als zzp'er.", "Iemand die de belastingpapieren uitlegt."],
            ["Ik heb thuis geen computer en internet is duur.", "Een printer en wifi zouden al veel helpen."],
            ["Een korte cursus over facturen zou toch handig zijn.", "Basislessen computer in de ochtend."],
        ],
    ]

    static let storyOpenings: [String: [String]] = [
        "en": ["Last year ", "When I lost my job, ", "A few months ago "],
        "es": ["El año pasado ", "Cuando perdí mi trabajo, ", "Hace unos meses "],
        "fi": ["Viime vuonna ", "Kun jäin työttömäksi, ", "Muutama kuukausi sitten "],
        "nl": ["Vorig jaar ", "Toen ik mijn baan verloor, ", "Een paar maanden geleden "],
    ]

    /// About 150 characters: a sentence for each theme, and a story's opening words.
    static func answer(themes picked: [Int], language: String, story: Bool, dice: inout ScaleData.Dice) -> String {
        guard let byTheme = sentences[language] else { return "" }
        var parts = picked.map { byTheme[$0][dice.next(byTheme[$0].count)] }
        if story, let openings = storyOpenings[language], let first = parts.first {
            parts[0] = openings[dice.next(openings.count)] + first.prefix(1).lowercased() + first.dropFirst()
        }
        return parts.joined(separator: " ")
    }
}
