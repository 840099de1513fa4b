import Encountering
import Fluent
import Foundation
import KanssaCore

extension DemoData {
    /// Turku's youth panel (Venla, venla@turku.demo, and Aleksi) with Aino Laine as their staff
    /// contact, and the module they wrote and published: stories of a good and a bad encounter,
    /// tips, discussion prompts and the encounter self-reflection — in Finnish, as they wrote it.
    /// Mikko (mikko@turku.demo), the coordinator, left a comment; Houten's staff read the module.
    static func loadEncountering(accountIDs: [String: UUID], organisationIDs: [String: UUID], at now: Date, on database: any Database) async throws {
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
    }
}
