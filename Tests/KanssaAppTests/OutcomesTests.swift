import Fluent
import Foundation
@testable import KanssaApp
import KanssaCore
import Listening
import Testing
import VaporTesting

/// What listening led to: a verdict on each assumption with the coded evidence it rests on, a
/// decision resting on verdicts followed by dated updates, how sure staff were against what they
/// heard, and what the organisation stopped.
@Suite struct OutcomesTests {
    @Test func aVerdictRestsOnCodedEvidenceAndANewOneStandsOverTheOld() async throws {
        try await withApp { app, world in
            let fixtures = try await Fixtures.make(on: app)
            let consultation = "/listening/consultations/\(fixtures.openConsultation)"
            let verdict = consultation + "/assumptions/\(fixtures.openAssumption)/verdict"
            var professional = Browser(app)
            try await professional.signIn(Fixtures.login(.professional))
            let page = try await professional.get(verdict)
            // The coded passage is offered once as evidence, under its theme; the verdict given before is on record.
            #expect(page.status == .ok && page.body.string.contains("Visitors want longer opening hours"))
            #expect(page.body.string.contains("Longer hours") && page.body.string.contains("They asked for it"))

            // Every problem at once; a verdict with evidence needs some, "no evidence" takes none.
            let empty = try await professional.post(verdict, [("reasoning", " ")])
            #expect(empty.status == .unprocessableEntity)
            #expect(empty.body.string.contains("Choose a verdict.") && empty.body.string.contains("Write your reasoning"))
            try await professional.get(verdict)
            #expect(try await professional.post(verdict, [("kind", "overturned"), ("reasoning", "No")]).status == .unprocessableEntity)
            try await professional.get(verdict)
            #expect(try await professional.post(verdict, [("kind", "noEvidence"), ("reasoning", "No"), ("evidence[]", fixtures.coding.uuidString)])
                .status == .unprocessableEntity)
            // A coding of another consultation is not evidence here.
            let elsewhereTheme = Theme(consultationID: fixtures.consultation, parentID: nil, name: "Elsewhere", description: "",
                                       createdByID: fixtures.accounts[.professional]!, at: world.now)
            try await elsewhereTheme.create(on: app.db)
            let elsewhere = Coding(answerID: fixtures.writtenAnswer, themeID: try elsewhereTheme.requireID(),
                                   coderID: fixtures.accounts[.professional]!, passage: nil, at: world.now)
            try await elsewhere.create(on: app.db)
            try await professional.get(verdict)
            let foreign = try await professional.post(verdict, [("kind", "overturned"), ("reasoning", "No"),
                                                                ("evidence[]", try elsewhere.requireID().uuidString)])
            #expect(foreign.status == .unprocessableEntity && foreign.body.string.contains("Tick the evidence"))
            #expect(try await Verdict.query(on: app.db).filter(\.$assumptionID == fixtures.openAssumption).count() == 1)

            // A second verdict stands over the first, which stays.
            world.advance(by: 60)
            try await professional.get(verdict)
            let given = try await professional.post(verdict, [("kind", "overturned"), ("reasoning", "They want it on weekends, not longer"),
                                                              ("evidence[]", fixtures.coding.uuidString)])
            #expect(given.status == .seeOther)
            let standing = try await Verdicts.standing(on: [fixtures.openAssumption], on: app.db)
            #expect(standing[fixtures.openAssumption]?.kind == .overturned)
            #expect(try await Verdict.query(on: app.db).filter(\.$assumptionID == fixtures.openAssumption).count() == 2)
            let shown = try await professional.get(consultation).body.string
            #expect(shown.contains("What you heard: Overturned."))
            let history = try await professional.get(verdict).body.string
            #expect(history.contains("This one stands") && history.contains("They asked for it"))
            // The ledger is as it was written: a verdict changes no assumption.
            #expect(try await Assumption.find(fixtures.openAssumption, on: app.db)?.statement == "Visitors want longer opening hours")

            // A coding a verdict rests on stays.
            let coding = consultation + "/answers/\(fixtures.writtenAnswer)/coding"
            try await professional.get(coding)
            let kept = try await professional.post(coding + "/\(fixtures.coding)/remove")
            #expect(kept.status == .conflict && kept.body.string.contains("A verdict rests on this coding"))
            #expect(try await Coding.find(fixtures.coding, on: app.db) != nil)

            // The draft's assumption gets no verdict before anyone was asked.
            let early = "/listening/consultations/\(fixtures.consultation)/assumptions/\(fixtures.assumption)/verdict"
            #expect(try await professional.get(early).body.string.contains("A verdict is given once the consultation has opened"))
            let refused = try await professional.post(early, [("kind", "noEvidence"), ("reasoning", "Too early")])
            #expect(refused.status == .conflict)
            #expect(try await Verdict.query(on: app.db).filter(\.$assumptionID == fixtures.assumption).count() == 0)
        }
    }

    @Test func aDecisionToStopIsTrackedToDoneAndListedAsStopped() async throws {
        try await withApp { app, world in
            let fixtures = try await Fixtures.make(on: app)
            let consultation = "/listening/consultations/\(fixtures.openConsultation)"
            let verdict = try #require(try await Verdicts.standing(on: [fixtures.openAssumption], on: app.db)[fixtures.openAssumption])
            var coordinator = Browser(app)
            try await coordinator.signIn(Fixtures.login(.coordinator))
            let form = try await coordinator.get(consultation + "/decisions")
            #expect(form.status == .ok && form.body.string.contains("Confirmed: Visitors want longer opening hours"))
            // The owner is someone of the team or a coordinator; another organisation's administrator is not offered, nor taken.
            #expect(form.body.string.contains(fixtures.accounts[.professional]!.uuidString))
            #expect(!form.body.string.contains(fixtures.adminElsewhere.uuidString))
            let bad = try await coordinator.post(consultation + "/decisions", [("kind", "halt"), ("subject", " "), ("owner", fixtures.adminElsewhere.uuidString),
                                                                             ("dueOn", "31.3.2027"), ("grounds[]", UUID().uuidString)])
            #expect(bad.status == .unprocessableEntity)
            for message in ["Choose what you decide.", "Say what is kept", "Say why.", "Choose who sees it through", "Give the day it is due",
                            "Tick at least one verdict"] {
                #expect(bad.body.string.contains(message), "\(message)")
            }
            #expect(try await Decision.query(on: app.db).filter(\.$consultationID == fixtures.openConsultation).count() == 1)

            try await coordinator.get(consultation + "/decisions")
            let taken = try await coordinator.post(consultation + "/decisions", [
                ("kind", "stop"), ("subject", "The evening course"), ("reason", "Nobody came, and people said why"),
                ("owner", fixtures.accounts[.professional]!.uuidString), ("dueOn", "2027-02-28"), ("grounds[]", try verdict.requireID().uuidString),
            ])
            #expect(taken.status == .seeOther)
            let decision = try #require(try await Decision.query(on: app.db).filter(\.$subject == "The evening course").first())
            let path = consultation + "/decisions/\(try decision.requireID())"
            #expect(taken.headers.first(name: .location) == path + "?notice=taken")
            #expect(decision.status == .planned && decision.kind == .stop)
            let shown = try await coordinator.get(path).body.string
            #expect(shown.contains("Stop: The evening course") && shown.contains("Visitors want longer opening hours"))

            // Saying nothing new, or dropping it without a reason, is refused; each update is dated and kept.
            let nothing = try await coordinator.post(path + "/updates", [("status", "planned"), ("note", "")])
            #expect(nothing.status == .unprocessableEntity && nothing.body.string.contains("Say what happened"))
            try await coordinator.get(path)
            #expect(try await coordinator.post(path + "/updates", [("status", "dropped")]).status == .unprocessableEntity)
            world.advance(by: 600)
            try await coordinator.get(path)
            let underWay = try await coordinator.post(path + "/updates", [("status", "underWay"), ("note", "Told the trainers")])
            #expect(underWay.status == .seeOther, "\(underWay.body.string.prefix(3000))")
            world.advance(by: 600)
            try await coordinator.get(path)
            #expect(try await coordinator.post(path + "/updates", [("status", "done")]).status == .seeOther)
            let done = try #require(try await Decision.find(try decision.requireID(), on: app.db))
            #expect(done.status == .done)
            #expect(try await DecisionUpdate.query(on: app.db).filter(\.$decisionID == done.requireID()).sort(\.$at).all().map(\.status)
                == [.underWay, .done])

            // The organisation lists what it stopped; the consultation's page lists its decisions.
            let stopped = try await coordinator.get("/organisations/\(fixtures.here)/stopped").body.string
            #expect(stopped.contains("The evening course") && stopped.contains("How was your visit?") && !stopped.contains("Opening hours"))
            let page = try await coordinator.get(consultation).body.string
            #expect(page.contains("Change: Opening hours") && page.contains("Stop: The evening course"))
        }
    }

    @Test func calibrationSetsConfidenceAgainstWhatWasHeard() {
        let figures = Calibration.figures([(90, .overturned), (95, .confirmed), (30, .challenged), (50, .noEvidence), (70, nil)])
        #expect(figures.counted == 3 && figures.waiting == 1 && figures.withoutEvidence == 1)
        let top = figures.bands[4]
        #expect(top.count == 2 && top.overturned == 1 && top.confirmed == 1 && top.meanConfidence == 92.5 && top.held == 50)
        #expect(figures.bands[1].count == 1 && figures.bands[1].held == 50)
        // ((0.9 − 0)² + (0.95 − 1)² + (0.3 − 0.5)²) ÷ 3
        let brier = try? #require(figures.brier)
        #expect(abs((brier ?? 0) - (0.81 + 0.0025 + 0.04) / 3) < 1e-9)
        #expect(Calibration.figures([]).brier == nil)
        #expect(Calibration.figures([(100, .confirmed), (0, .overturned)]).brier == 0)
    }

    @Test func calibrationPageCountsTheOrganisationsVerdictsOnly() async throws {
        try await withApp { app, _ in
            let fixtures = try await Fixtures.make(on: app)
            var professional = Browser(app)
            try await professional.signIn(Fixtures.login(.professional))
            let page = try await professional.get("/organisations/\(fixtures.here)/consultations/calibration")
            #expect(page.status == .ok)
            // One assumption confirmed at 60 %: (0.6 − 1)² = 0.16; the draft's assumption waits.
            #expect(page.body.string.contains("Brier score: 0.16, over one assumption"))
            #expect(page.body.string.contains("Waiting for a verdict: 1"))
            // A team of another organisation narrows nothing.
            let other = try await professional.get("/organisations/\(fixtures.here)/consultations/calibration?team=\(fixtures.otherTeam)")
            #expect(other.body.string.contains("Brier score: 0.16"))
        }
    }
}
