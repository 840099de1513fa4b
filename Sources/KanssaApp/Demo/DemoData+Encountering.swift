import Encountering
import Fluent
import Foundation
import KanssaCore

extension DemoData {
    /// Turku's youth panel (Venla, venla@turku.demo, and Aleksi) with Aino Laine as their staff
    /// contact, and the module they wrote and published: stories of a good and a bad encounter,
    /// tips, discussion prompts and the encounter self-reflection — in Finnish, as they wrote it.
    /// Mikko (mikko@turku.demo), the coordinator, left a comment; Houten's staff read the module.
    /// Houten's panel of experts by experience (Noor, noor@houten.demo, and Yusuf; Joost Visser
    /// their contact) adapted it in Dutch with a story of their own, and Valencia's (Marta,
    /// marta@valencia.demo; Javier García) adapted Houten's in Spanish: every credit kept.
    static func loadEncountering(
        accountIDs: [String: UUID], organisationIDs: [String: UUID], instruments: [String: Instrument], at now: Date, on database: any Database
    ) async throws {
        guard let venla = accountIDs["venla@turku.demo"], let aleksi = accountIDs["aleksi@turku.demo"], let aino = accountIDs["aino@turku.demo"],
            let mikko = accountIDs["mikko@turku.demo"], let turkuID = organisationIDs[turku]
        else { return }
        let day = 24.0 * 3600
        let panel = Panel(organisationID: turkuID, name: "Nuorten paneeli", staffContactID: aino, at: now.addingTimeInterval(-400 * day))
        try await panel.create(on: database)
        let panelID = try panel.requireID()
        try await PanelMember(panelID: panelID, accountID: venla, creditName: "Venla K.", at: panel.createdAt).create(on: database)
        try await PanelMember(panelID: panelID, accountID: aleksi, creditName: "Aleksi", at: panel.createdAt.addingTimeInterval(day)).create(on: database)
        let module = TrainingModule(
            organisationID: turkuID, panelID: panelID, title: "Kohtaa minut — nuorten kohtaamiskoulutus",
            summary: "Kaksi ja puoli tuntia siitä, miltä palveluissa tuntuu nuoresta: tarinoita hyvistä ja huonoista kohtaamisista, vinkkejä ja oman tavan arviointi.",
            language: "fi", licence: Modules.defaultLicence, createdByID: venla, at: now.addingTimeInterval(-380 * day))
        try await module.create(on: database)
        let moduleID = try module.requireID()
        let sections: [(SectionKind, String, String, String?, UUID)] = [
            (.goodEncounter, "Hän sulki näytön",
             "Menin ensimmäistä kertaa työllisyyspalveluihin. Ohjaaja sulki näytön, kääntyi minuun päin ja kysyi, mitä minulle kuuluu. Puhuimme puoli tuntia ennen kuin katsoimme yhtään lomaketta.",
             nil, venla),
            (.badEncounter, "Lomake ensin",
             "Kerroin, että äitini oli sairaalassa. Virkailija sanoi, että se ei kuulu tähän, ja luki seuraavan kysymyksen ruudulta. En mennyt seuraavaan tapaamiseen.",
             nil, aleksi),
            (.tips, "Kolme vinkkiä",
             "Kerro nimesi ja kysy minun nimeni. Katso minuun, älä ruutuun. Kysy, mikä minulle on nyt tärkeintä — ja kuuntele vastaus loppuun.", nil, venla),
            (.discussion, "Keskustelkaa pareittain",
             "Milloin sinut on viimeksi kohdattu hyvin? Mitä se ihminen teki? Mitä sinä teet toisin ensi viikolla?", nil, aleksi),
            (.reflection, "Miten sinä kohtaat?", "Vastaa yksin. Kukaan muu ei näe vastauksiasi.", "encounter-reflection", venla),
        ]
        for (position, section) in sections.enumerated() {
            try await ModuleSection(moduleID: moduleID, position: position + 1, kind: section.0, title: section.1, body: section.2,
                                    instrumentID: section.3, writtenByID: section.4, at: module.createdAt.addingTimeInterval(Double(position) * 3600))
                .create(on: database)
        }
        try await ModuleComment(moduleID: moduleID, authorID: mikko, text: "Tarina lomakkeesta on vahva. Voisiko sen lukea ääneen koulutuksen alussa?",
                                at: now.addingTimeInterval(-370 * day)).create(on: database)
        let access = try await Modules.access(moduleID: moduleID, on: database)
        if let access { _ = try await Modules.publish(access, at: now.addingTimeInterval(-365 * day), on: database) }
        guard let access else { return }
        let adapted = try await loadAdaptations(of: access, accountIDs: accountIDs, organisationIDs: organisationIDs, at: now, on: database)
        let delivery = [
            Delivery(host: "aino@turku.demo", coTrainers: ["venla@turku.demo", "aleksi@turku.demo"], place: "Nuorisotalo Vimma, Turku",
                     fee: 4000, voucher: "Leffalippu", participants: encounterParticipants[0].people.map(\.login) + ["mikko@turku.demo"]),
            Delivery(host: "joost@houten.demo", coTrainers: ["noor@houten.demo", "yusuf@houten.demo"], place: "Gemeentehuis Houten, zaal 2",
                     fee: 5000, voucher: nil, participants: encounterParticipants[1].people.map(\.login) + ["sanne@houten.demo"],
                     waiting: "sanne@houten.demo"),
            Delivery(host: "mentor@valencia.demo", coTrainers: ["marta@valencia.demo"], place: "Espacio de coworking, Valencia Activa",
                     fee: nil, voucher: "Vale de cine", participants: encounterParticipants[2].people.map(\.login)),
        ]
        for ((module, delivery), words) in zip(zip([access] + adapted, delivery), feedbackWords) {
            try await loadSessions(of: module, delivery, words: words, reflection: instruments["encounter-reflection"], accountIDs: accountIDs,
                                   at: now, on: database)
        }
    }

    /// Professionals in each place who take part in the sessions (none in a team, so that the
    /// Agenda's team figures stay as they were).
    static let encounterParticipants: [(place: String, people: [(login: String, name: String)])] = [
        (turku, [("jussi@turku.demo", "Jussi Mäkinen"), ("laura@turku.demo", "Laura Nieminen"), ("oskari@turku.demo", "Oskari Heikkinen"),
                 ("pia@turku.demo", "Pia Koskinen"), ("sami@turku.demo", "Sami Lehtonen")]),
        (houten, [("lotte@houten.demo", "Lotte de Jong"), ("mehmet@houten.demo", "Mehmet Yilmaz"), ("ruben@houten.demo", "Ruben Smit"),
                  ("ilse@houten.demo", "Ilse Mulder"), ("kees@houten.demo", "Kees van Dijk")]),
        (valencia, [("ana@valencia.demo", "Ana López"), ("pablo@valencia.demo", "Pablo Navarro"), ("elena@valencia.demo", "Elena Torres"),
                    ("jorge@valencia.demo", "Jorge Sánchez"), ("nuria@valencia.demo", "Núria Ferrer"), ("ines@valencia.demo", "Inés Romero")]),
    ]

    /// What participants said, in each module's language: what they heard, what they would do,
    /// what happened weeks later; and the co-trainers' own reflections on their two sessions.
    struct FeedbackWords {
        let heard: [String]
        let willDo: [String]
        let followUp: [String]
        let reflections: [String]
    }

    static let feedbackWords = [
        FeedbackWords(
            heard: ["Tarina lomakkeesta. Olen itse tehnyt juuri niin.", "Että nimen kysyminen riittää aloitukseksi.",
                    "Aleksin tarina äidistä sairaalassa.", "Nuoret huomaavat heti, jos katson kelloa.", "Hiljaisuus ei ole tyhjää aikaa.",
                    "Venlan kertomus siitä, kun ohjaaja sulki näytön."],
            willDo: ["Suljen näytön, kun nuori istuu alas.", "Kysyn ensin, mikä on nyt tärkeintä.", "Kerron oman nimeni ensimmäisenä.",
                     "Istun samalle puolelle pöytää.", "Annan viisi minuuttia ennen lomaketta.", "Kysyn nimen ja käytän sitä."],
            followUp: ["Tein sen joka tapaamisessa. Keskustelut pitenivät, mutta lomakkeet valmistuivat silti.",
                       "Muistin sen puolessa tapaamisista.", "En vielä; kiireinen kuukausi."],
            reflections: ["Meitä kuunneltiin. Yksi kysyi lopuksi, saako hän kertoa tarinan tiimilleen.",
                          "Verkossa oli vaikeampi nähdä, kuunneltiinko. Kysymyksiä tuli silti paljon."]),
        FeedbackWords(
            heard: ["Het verhaal over het formulier. Ik herkende mezelf.", "Dat iemand in haar eigen taal geholpen werd.",
                    "Dat je naam vragen al het begin is.", "Hoe snel iemand afhaakt als je niet luistert.", "De stilte na Noors verhaal.",
                    "Yusufs tip: kijk naar mij, niet naar het scherm."],
            willDo: ["Mijn laptop dichtdoen als iemand gaat zitten.", "Eerst vragen wat nu het belangrijkst is.", "Mijn naam als eerste noemen.",
                     "Vaker de informatiebalie met moedertaal inschakelen.", "Vijf minuten geven voor het formulier.", "Naast iemand gaan zitten."],
            followUp: ["Elke afspraak gedaan. Mensen vertellen meer.", "Half gelukt; de agenda is te vol.", "Nog niet."],
            reflections: ["We werden gehoord. Een consulent bleef na afloop om door te praten.",
                          "Online was lastiger, maar de vragen waren goed."]),
        FeedbackWords(
            heard: ["La historia del formulario. Yo lo he hecho.", "Que te ayuden en tu propio idioma lo cambia todo.",
                    "Las tres horas esperando a un mentor.", "Que preguntar el nombre ya es empezar bien.", "El silencio después de la historia de Marta.",
                    "Mírame a mí, no a la pantalla."],
            willDo: ["Cerrar el portátil cuando alguien se sienta.", "Preguntar primero qué es lo más importante ahora.",
                     "Dar cita por la mañana en vez de hacer esperar.", "Decir mi nombre primero.", "Sentarme al mismo lado de la mesa.",
                     "Dar cinco minutos antes del formulario."],
            followUp: ["Lo hice en cada cita.", "A medias; los lunes es imposible.", "Todavía no."],
            reflections: ["Nos escucharon. Una mentora pidió repetir la formación con su equipo.", "En línea costó más, pero preguntaron mucho."]),
    ]

    /// Who gives a module's sessions, where, and who takes part.
    struct Delivery {
        let host: String
        let coTrainers: [String]
        let place: String
        /// Per co-trainer per session, in cents; nil for none.
        let fee: Int?
        let voucher: String?
        let participants: [String]
        /// Someone whose feedback on the second session is still waiting for them.
        var waiting: String?
    }

    /// Two sessions held — the first in person, the second online — with every participant but
    /// one there each time and the co-trainers' time recorded; and one coming up, two registered.
    /// Houten's Sanne (sanne@houten.demo) has yet to give her feedback on the second.
    static func loadSessions(
        of module: ModuleAccess, _ delivery: Delivery, words: FeedbackWords, reflection: Instrument?, accountIDs: [String: UUID], at now: Date,
        on database: any Database
    ) async throws {
        guard let host = accountIDs[delivery.host] else { return }
        let coTrainers = delivery.coTrainers.compactMap { accountIDs[$0] }
        let participants = delivery.participants.compactMap { accountIDs[$0] }
        let day = 24.0 * 3600
        let sessions: [(daysAgo: Double, mode: SessionMode, place: String)] = [
            (60, .inPerson, delivery.place), (25, .online, "https://meet.kanssa.demo/\(module.moduleID.uuidString.prefix(8).lowercased())"),
            (-14, .inPerson, delivery.place),
        ]
        for (index, planned) in sessions.enumerated() {
            let startsAt = Date(timeIntervalSince1970: ((now.timeIntervalSince1970 - planned.daysAgo * day) / 3600).rounded(.down) * 3600)
            let plan = EncounterSessionPlan(startsAt: startsAt, minutes: 150, mode: planned.mode, place: planned.place, hostID: host,
                                            coTrainerIDs: coTrainers, capacity: 20, followUpWeeks: 6)
            let sessionID = try await EncounterSessions.schedule(plan, of: module, by: host, at: startsAt.addingTimeInterval(-30 * day), on: database)
            let held = planned.daysAgo > 0
            let coming = held ? participants.enumerated().filter { $0.offset != index }.map(\.element) : Array(participants.prefix(2))
            for participant in coming {
                try await EncounterRegistration(sessionID: sessionID, accountID: participant, at: startsAt.addingTimeInterval(-20 * day))
                    .create(on: database)
            }
            guard held else { continue }
            // Registered and came, but for the one who stayed away.
            let absent = participants.indices.contains(index) ? participants[index] : nil
            if let absent {
                let registration = EncounterRegistration(sessionID: sessionID, accountID: absent, at: startsAt.addingTimeInterval(-20 * day))
                registration.attended = false
                try await registration.create(on: database)
            }
            try await EncounterSessions.recordAttendance(Set(coming), for: sessionID, on: database)
            try await EncounterSessions.recordRecognition(
                Dictionary(uniqueKeysWithValues: coTrainers.map {
                    ($0, EncounterSessions.Recognition(minutes: 210, feeCents: delivery.fee, currency: delivery.fee == nil ? nil : "EUR",
                                                      voucher: delivery.voucher))
                }),
                for: sessionID, at: startsAt.addingTimeInterval(day), on: database)
            // Everyone who came gives feedback and answers the self-reflection; weeks later, those
            // of the first session answer the follow-up; the co-trainers reflect.
            let waiting = delivery.waiting.flatMap { accountIDs[$0] }
            for (number, participant) in coming.enumerated() where !(index == 1 && participant == waiting) {
                let changed = [4, 5, 3, 4, 5, 4][number % 6]
                let answers = reflection.map { instrument in
                    Dictionary(uniqueKeysWithValues: instrument.items.enumerated().map { ($1.id, [3, 4, 4, 5, 3, 2][($0 + number) % 6]) })
                }
                let draft = EncounterFeedbacks.Draft(changed: changed, heard: words.heard[(number + index) % words.heard.count],
                                                     willDo: words.willDo[(number + index) % words.willDo.count], reflection: answers)
                _ = try await EncounterFeedbacks.give(draft, reflection: reflection, by: participant, on: sessionID,
                                                      at: startsAt.addingTimeInterval(3 * 3600), on: database)
                guard index == 0, let session = try await EncounterSession.find(sessionID, on: database) else { continue }
                let outcome: FollowUpOutcome = [.did, .did, .partly, .notYet, .did][number % 5]
                let note = outcome == .did ? words.followUp[0] : outcome == .partly ? words.followUp[1] : words.followUp[2]
                _ = try await EncounterFeedbacks.answerFollowUp(outcome: outcome.rawValue, note: number < 3 ? note : "", by: participant,
                                                                for: session, at: EncounterFeedbacks.followUpDue(session).addingTimeInterval(day),
                                                                on: database)
            }
            for (number, coTrainer) in coTrainers.enumerated() where number == 0 {
                _ = try await EncounterFeedbacks.reflect(heard: index == 0 ? "5" : "4", text: words.reflections[index], by: coTrainer, on: sessionID,
                                                         at: startsAt.addingTimeInterval(5 * 3600), on: database)
            }
        }
    }

    /// An adaptation: its panel, then the copy translated — title, summary and sections in order —
    /// with any sections of the adapters' own added, published on `publishedAt`.
    struct Adaptation {
        let organisation: String
        let panelName: String
        let contact: String
        let coTrainers: [(login: String, credit: String)]
        let title: String
        let summary: String
        let language: String
        let sections: [(title: String, body: String)]
        let added: [(SectionKind, String, String)]
        let daysAgo: Double
    }

    static let adaptations = [
        Adaptation(
            organisation: houten, panelName: "Ervaringsdeskundigen Houten", contact: "joost@houten.demo",
            coTrainers: [("noor@houten.demo", "Noor"), ("yusuf@houten.demo", "Yusuf H.")],
            title: "Zie mij — ontmoetingstraining door ervaringsdeskundigen",
            summary: "Tweeënhalf uur over hoe het voelt om aan de andere kant van het loket te zitten: verhalen over goede en slechte ontmoetingen, tips, en een blik op je eigen manier van ontmoeten. Naar de training van de jongeren in Turku.",
            language: "nl",
            sections: [
                ("Ze klapte het scherm dicht", "Bij mijn eerste afspraak klapte de consulent haar laptop dicht, draaide zich naar me toe en vroeg hoe het met me ging. We praatten een half uur voordat we naar een formulier keken."),
                ("Eerst het formulier", "Ik vertelde dat mijn moeder in het ziekenhuis lag. De medewerker zei dat dat hier niet bij hoorde en las de volgende vraag van het scherm. Naar de volgende afspraak ben ik niet gegaan."),
                ("Drie tips", "Zeg je naam en vraag de mijne. Kijk naar mij, niet naar het scherm. Vraag wat nu voor mij het belangrijkst is — en luister het antwoord helemaal af."),
                ("Bespreek in tweetallen", "Wanneer ben jij voor het laatst goed ontvangen? Wat deed die persoon? Wat doe jij volgende week anders?"),
                ("Hoe ontmoet jij?", "Vul dit alleen in. Niemand anders ziet je antwoorden."),
            ],
            added: [(.goodEncounter, "In mijn eigen taal",
                     "Toen ik net in Houten woonde, begreep ik de brieven niet. Bij de informatiebalie hielp een vrouw me in het Arabisch. Voor het eerst voelde ik dat ik zelf mocht vertellen wat ik wilde.")],
            daysAgo: 200),
        Adaptation(
            organisation: valencia, panelName: "Panel de personas usuarias", contact: "mentor@valencia.demo",
            coTrainers: [("marta@valencia.demo", "Marta R.")],
            title: "Mírame — formación sobre el encuentro",
            summary: "Dos horas y media sobre lo que se siente al otro lado de la mesa: historias de buenos y malos encuentros, consejos y una mirada a tu propia forma de recibir a la gente. A partir de las formaciones de Turku y Houten.",
            language: "es",
            sections: [
                ("Cerró la pantalla", "En mi primera cita, la orientadora cerró el portátil, se giró hacia mí y me preguntó cómo estaba. Hablamos media hora antes de mirar ningún formulario."),
                ("Primero el formulario", "Conté que mi madre estaba en el hospital. El empleado dijo que eso no venía al caso y leyó la siguiente pregunta de la pantalla. No fui a la siguiente cita."),
                ("Tres consejos", "Di tu nombre y pregunta el mío. Mírame a mí, no a la pantalla. Pregunta qué es lo más importante para mí ahora — y escucha la respuesta hasta el final."),
                ("Hablad en parejas", "¿Cuándo te recibieron bien por última vez? ¿Qué hizo esa persona? ¿Qué harás distinto la semana que viene?"),
                ("¿Cómo recibes tú?", "Responde a solas. Nadie más ve tus respuestas."),
                ("En mi propio idioma", "Cuando acababa de llegar a Houten no entendía las cartas. En el mostrador de información una mujer me ayudó en árabe. Por primera vez sentí que podía contar yo misma lo que quería."),
            ],
            added: [(.badEncounter, "Tres horas esperando a un mentor",
                     "Me dijeron que habría un mentor cuando lo necesitara. Esperé tres horas en el espacio de coworking y me fui sin hablar con nadie. Ahora pedimos cita por la mañana y nos llaman.")],
            daysAgo: 90),
    ]

    /// Each adaptation is made from the one before it: Turku's module, then Houten's, then Valencia's.
    @discardableResult
    static func loadAdaptations(
        of original: ModuleAccess, accountIDs: [String: UUID], organisationIDs: [String: UUID], at now: Date, on database: any Database
    ) async throws -> [ModuleAccess] {
        let day = 24.0 * 3600
        var source = original
        var made: [ModuleAccess] = []
        for adaptation in adaptations {
            guard let organisationID = organisationIDs[adaptation.organisation], let contact = accountIDs[adaptation.contact] else { break }
            let members = adaptation.coTrainers.compactMap { person in accountIDs[person.login].map { ($0, person.credit) } }
            guard let first = members.first?.0 else { break }
            let madeAt = now.addingTimeInterval(-(adaptation.daysAgo + 30) * day)
            let panel = Panel(organisationID: organisationID, name: adaptation.panelName, staffContactID: contact, at: madeAt)
            try await panel.create(on: database)
            for (id, credit) in members {
                try await PanelMember(panelID: try panel.requireID(), accountID: id, creditName: credit, at: madeAt).create(on: database)
            }
            let panelAccess = try await Panels.access(panel, on: database)
            guard let copyID = try await Modules.adapt(source, into: panelAccess, by: first, at: madeAt, on: database),
                let copy = try await TrainingModule.find(copyID, on: database)
            else { break }
            _ = try await Modules.update(copyID, with: Modules.Draft(title: adaptation.title, summary: adaptation.summary, language: adaptation.language,
                                                                    licence: copy.licence),
                                         expectedVersion: copy.version, at: madeAt, on: database)
            let sections = try await ModuleSection.query(on: database).filter(\.$moduleID == copyID).sort(\.$position).all()
            for (section, words) in zip(sections, adaptation.sections) {
                section.title = words.title
                section.body = words.body
                section.writtenByID = first
                try await section.save(on: database)
            }
            for (kind, title, body) in adaptation.added {
                try await Modules.addSection(Modules.SectionDraft(kind: kind, title: title, body: body, instrumentID: nil), to: copyID, by: first,
                                             at: madeAt, on: database)
            }
            guard let access = try await Modules.access(moduleID: copyID, on: database) else { break }
            _ = try await Modules.publish(access, at: now.addingTimeInterval(-adaptation.daysAgo * day), on: database)
            guard let published = try await Modules.access(moduleID: copyID, on: database) else { break }
            source = published
            made.append(published)
        }
        return made
    }
}
