import Foundation

/// A co-creation tool or method a professional can log using: one of Kanssa's own, or one an
/// organisation added. Kanssa's descriptions are its authors' own short words.
public struct PracticeTool: Sendable, Equatable, Identifiable {
    /// A standard tool's key ("agenda-conversation"), or an organisation's tool's id.
    public let id: String
    public let name: String
    public let description: String
    /// The organisation that added it; nil for Kanssa's own.
    public let organisationID: UUID?

    public init(id: String, name: String, description: String, organisationID: UUID? = nil) {
        self.id = id
        self.name = name
        self.description = description
        self.organisationID = organisationID
    }
}

/// Kanssa's own catalogue, in the languages it speaks. Keys are stored with log entries: never
/// rename one.
public enum StandardTools {
    struct Entry {
        let key: String
        let text: [String: (name: String, description: String)]
    }

    static let entries: [Entry] = [
        Entry(key: "agenda-conversation", text: [
            "en": ("The agenda conversation", "Start from what matters to the person, in their own words, before any form or offer of a service."),
            "fi": ("Agendakeskustelu", "Aloita siitä, mikä ihmiselle on tärkeää, hänen omin sanoin, ennen lomakkeita tai palvelutarjousta."),
        ]),
        Entry(key: "strengths-mapping", text: [
            "en": ("Strengths mapping", "Map the person's skills, interests, people, places and groups before naming any problem."),
            "fi": ("Vahvuuksien kartoitus", "Kartoita ihmisen taidot, kiinnostuksen kohteet, ihmiset, paikat ja ryhmät ennen kuin nimeät ongelmia."),
        ]),
        Entry(key: "one-page-profile", text: [
            "en": ("One-page profile", "What people appreciate about me, what is important to me, how best to support me — written with the person."),
            "fi": ("Yhden sivun profiili", "Mitä minussa arvostetaan, mikä minulle on tärkeää, miten minua parhaiten tuetaan — kirjoitettu yhdessä ihmisen kanssa."),
        ]),
        Entry(key: "journey-mapping", text: [
            "en": ("Journey mapping", "Draw the person's path through services with them, marking where it helped and where it hurt."),
            "fi": ("Palvelupolun kuvaaminen", "Piirrä ihmisen kulku palveluissa yhdessä hänen kanssaan ja merkitse, missä se auttoi ja missä satutti."),
        ]),
        Entry(key: "assumptions-ledger", text: [
            "en": ("A consultation with an assumptions ledger", "Write down what you assume before you ask, then hold each assumption up against what people said."),
            "fi": ("Kuuleminen oletusten kirjanpidolla", "Kirjaa oletuksesi ennen kuin kysyt ja vertaa sitten jokaista oletusta siihen, mitä ihmiset sanoivat."),
        ]),
        Entry(key: "grow-conversation", text: [
            "en": ("A GROW conversation", "Goal, reality, options, way forward: a compass for a conversation in which the person sets the direction."),
            "fi": ("GROW-keskustelu", "Tavoite, todellisuus, vaihtoehdot, eteneminen: kompassi keskusteluun, jossa ihminen itse valitsee suunnan."),
        ]),
        Entry(key: "deciding-together", text: [
            "en": ("Deciding together", "Lay the options out with the person and decide with them, noting who decided what."),
            "fi": ("Yhdessä päättäminen", "Käy vaihtoehdot läpi ihmisen kanssa ja päättäkää yhdessä; kirjaa, kuka päätti mistäkin."),
        ]),
        Entry(key: "training-with-service-users", text: [
            "en": ("Training with service users", "Plan and give a session together with people who use the service, as trainers rather than as examples."),
            "fi": ("Koulutus palvelun käyttäjien kanssa", "Suunnittele ja pidä koulutus yhdessä palvelun käyttäjien kanssa — kouluttajina, ei esimerkkeinä."),
        ]),
        Entry(key: "participation-ladder", text: [
            "en": ("A participation ladder check", "Rate honestly where a piece of work stands between doing to, doing for and doing with."),
            "fi": ("Osallisuuden tikapuut", "Arvioi rehellisesti, onko työ tekemistä jollekulle, jonkun puolesta vai yhdessä jonkun kanssa."),
        ]),
    ]

    public static var keys: [String] { entries.map(\.key) }

    /// The catalogue in a language (English where a text is missing).
    public static func all(in language: String) -> [PracticeTool] {
        entries.compactMap { entry in
            guard let text = entry.text[language] ?? entry.text["en"] else { return nil }
            return PracticeTool(id: entry.key, name: text.name, description: text.description)
        }
    }
}
