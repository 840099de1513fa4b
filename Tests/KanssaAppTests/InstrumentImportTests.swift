import Fluent
import Foundation
@testable import KanssaApp
import KanssaCore
import Learning
import Testing
import VaporTesting

/// Importing a questionnaire an organisation holds a licence for: a bad file is refused with
/// each problem named by its line, in the reader's language; a good one can be used for rounds
/// of that organisation only, and each round keeps its version.
@Suite struct InstrumentImportTests {
    /// Kanssa's encounter reflection under another id and version: a well-formed file.
    static func licensed(version: Int = 1) throws -> String {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/KanssaCore/Resources/instruments/encounter-reflection.yaml")
        return try String(contentsOf: url, encoding: .utf8)
            .replacingOccurrences(of: "id: encounter-reflection", with: "id: licensed-encounter")
            .replacingOccurrences(of: "version: 1", with: "version: \(version)")
    }

    @Test func aBrokenFileIsRefusedWithEachProblemByItsLine() async throws {
        try await withApp { app, _ in
            let fixtures = try await Fixtures.make(on: app)
            let path = "/organisations/\(fixtures.here)/instruments"
            var coordinator = Browser(app)
            try await coordinator.signIn(Fixtures.login(.coordinator))
            try await coordinator.get(path)
            let broken = try Self.licensed()
                .replacingOccurrences(of: "    scoring: mean\n    prompt:\n      en: Whom", with: "    scoring: median\n    prompt:\n      en: Whom")
                .replacingOccurrences(of: "    scale: frequency\n    text:\n      en: I give", with: "    scale: often\n    text:\n      en: I give")
            let refused = try await coordinator.post(path, [("source", broken), ("licence", "")])
            #expect(refused.status == .unprocessableEntity)
            let page = refused.body.string
            #expect(page.contains("The file has 2 problems; nothing was imported"))
            #expect(page.contains("Line 22: scoring “median” is unknown: use mean or sum."))
            #expect(page.contains("Line 35: the item “bp1” names the scale “often”, which the file does not define."))
            #expect(page.contains("Say what licence your organisation holds"))
            #expect(try await ImportedInstrument.query(on: app.db).count() == 0)
            // In Finnish, the same problems in Finnish.
            try await coordinator.post("/language", [("language", "fi"), ("return", path)])
            try await coordinator.get(path)
            let finnish = try await coordinator.post(path, [("source", "format: [unclosed"), ("licence", "Ours")]).body.string
            #expect(finnish.contains("Rivi 2: tämä ei ole kelvollista YAMLia"))  // Yams names the line where the list is left open
        }
    }

    @Test func aGoodFileIsUsedForRoundsOfItsOrganisationOnlyAndVersionsAreKept() async throws {
        try await withApp { app, world in
            let fixtures = try await Fixtures.make(on: app)
            let path = "/organisations/\(fixtures.here)/instruments"
            var coordinator = Browser(app)
            try await coordinator.signIn(Fixtures.login(.coordinator))
            try await coordinator.get(path)
            // Kanssa's own ids are Kanssa's.
            let own = try Self.licensed().replacingOccurrences(of: "id: licensed-encounter", with: "id: encounter-reflection")
            #expect(try await coordinator.post(path, [("source", own), ("licence", "Ours")]).body.string
                .contains("Kanssa ships a questionnaire with the id “encounter-reflection”"))
            try await coordinator.get(path)
            #expect(try await coordinator.post(path, [("source", try Self.licensed()), ("licence", "Licensed to Here by the authors, 2026–2028")])
                .status == .seeOther)
            try await coordinator.get(path)
            #expect(try await coordinator.post(path, [("source", try Self.licensed()), ("licence", "Again")]).body.string
                .contains("Version 1 of “licensed-encounter” is here already"))
            let listed = try await coordinator.get(path).body.string
            #expect(listed.contains("licensed-encounter") && listed.contains("Licensed to Here by the authors, 2026–2028"))

            // A round with it; the professional answers it.
            try await coordinator.get("/organisations/\(fixtures.here)/rounds")
            #expect(try await coordinator.post("/organisations/\(fixtures.here)/rounds", [
                ("instrument", "licensed-encounter"), ("team", ""), ("label", "Licensed round"), ("closes", "2026-06-20"),
            ]).status == .seeOther)
            let round = try #require(try await AssessmentRound.query(on: app.db).filter(\.$label == "Licensed round").first())
            #expect(round.instrumentID == "licensed-encounter" && round.instrumentVersion == 1)
            // Version 2 arrives; the round stays on version 1.
            try await coordinator.get(path)
            let second = try Self.licensed(version: 2).replacingOccurrences(of: "I give the person my full attention", with: "I attend fully")
            #expect(try await coordinator.post(path, [("source", second), ("licence", "Renewed")]).status == .seeOther)
            var professional = Browser(app)
            try await professional.signIn(Fixtures.login(.professional))
            let answering = try await professional.get("/learning/rounds/\(try round.requireID())").body.string
            #expect(answering.contains("I give the person my full attention") && !answering.contains("I attend fully"))

            // The other organisation's coordinator-less admin cannot open rounds with it, nor see it.
            var elsewhere = Browser(app)
            try await elsewhere.signIn(Fixtures.adminElsewhereLogin)
            #expect(try await elsewhere.get("/organisations/\(fixtures.elsewhere)/instruments").status == .forbidden)
            let library = try await InstrumentLibrary.available(to: [fixtures.elsewhere], bundled: app.platform.instruments, on: app.db)
            #expect(library["licensed-encounter"] == nil)
            let here = try await InstrumentLibrary.available(to: [fixtures.here], bundled: app.platform.instruments, on: app.db)
            #expect(here["licensed-encounter"]?.version == 2)
            _ = world
        }
    }
}
