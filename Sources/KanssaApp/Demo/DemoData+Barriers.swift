import Agenda
import Evaluation
import Fluent
import Foundation
import KanssaCore
import Listening

extension DemoData {
    /// Hull's barrier, found from the pulse and from what people on probation said: after the
    /// provider collapsed, officers' caseloads left no time for agenda conversations. Recorded by
    /// the coordinator (lead@hull.demo), owned by Amy (amy@hull.demo), addressed and reviewed
    /// twice, an action done and another due. Houten has a smaller one, resolved.
    static func loadBarriers(
        accountIDs: [String: UUID], organisationIDs: [String: UUID], teamIDs: [String: UUID], instrument: Instrument, timeZone: TimeZone,
        at now: Date, on database: any Database
    ) async throws {
        guard let dawn = accountIDs["lead@hull.demo"], let amy = accountIDs["amy@hull.demo"], let hullID = organisationIDs[hull],
              let team = teamIDs[hull + "/My Direction"],
              let pulse = try await PulseSchedule.query(on: database).filter(\.$organisationID == hullID).first()?.id
        else { return }
        let day = 86_400.0
        let rushed = try await loadHullConsultation(dawn: dawn, organisationID: hullID, teamID: team, timeZone: timeZone, at: now, on: database)
        let barrier = Barrier(
            organisationID: hullID, title: "Caseloads too high for agenda conversations",
            description: "Since the provider ended, each officer carries about 45 cases. Supervision meetings are cut to twenty minutes: "
                + "there is no time to ask people what matters to them, only to check the conditions of their order.",
            kind: .workload, teamID: team, service: "Probation supervision", ownerID: amy, createdByID: dawn, at: now.addingTimeInterval(-110 * day))
        try await barrier.create(on: database)
        let barrierID = try barrier.requireID()
        let found = now.addingTimeInterval(-110 * day)
        let evidence = [
            BarrierEvidence(barrierID: barrierID, kind: .pulse, pulseID: pulse, condition: "workload", teamID: team, addedByID: dawn, at: found),
            BarrierEvidence(barrierID: barrierID, kind: .pulse, pulseID: pulse, condition: "morale", addedByID: dawn, at: found),
            BarrierEvidence(barrierID: barrierID, kind: .staff, teamID: team, addedByID: dawn, at: found),
            BarrierEvidence(barrierID: barrierID, kind: .theme, linkedID: rushed, addedByID: dawn, at: now.addingTimeInterval(-95 * day)),
            BarrierEvidence(barrierID: barrierID, kind: .note,
                            note: "At the team day four of six officers said they now skip the \"what matters to you\" question to save time.",
                            addedByID: amy, at: now.addingTimeInterval(-100 * day)),
        ]
        for item in evidence { try await item.create(on: database) }
        let moved = BarrierAction(barrierID: barrierID, text: "Move sixty low-risk cases to the duty desk",
                                  dueOn: PlanActions.day(now.addingTimeInterval(-60 * day), in: timeZone), addedByID: amy,
                                  at: now.addingTimeInterval(-98 * day))
        moved.doneAt = now.addingTimeInterval(-62 * day)
        moved.doneByID = amy
        try await moved.create(on: database)
        try await BarrierAction(barrierID: barrierID, text: "Recruit two officers to replace those who left with the provider",
                                dueOn: PlanActions.day(now.addingTimeInterval(30 * day), in: timeZone), addedByID: dawn,
                                at: now.addingTimeInterval(-90 * day)).create(on: database)
        for (status, note, daysAgo) in [
            (BarrierStatus.beingAddressed, "Workload in the pulse fell for three months running; people told us meetings feel rushed. "
                + "Cases to move agreed with the duty desk.", 96.0),
            (.beingAddressed, "Caseloads are down to about 38 and half the officers have 45-minute meetings again. "
                + "Workload is still below where it was; we keep going until the two officers start.", 20),
        ] {
            try await BarrierReview(barrierID: barrierID, status: status, note: note, byID: daysAgo > 50 ? dawn : amy,
                                    at: now.addingTimeInterval(-daysAgo * day)).create(on: database)
        }
        barrier.status = .beingAddressed
        barrier.updatedAt = now.addingTimeInterval(-20 * day)
        try await barrier.update(on: database)

        guard let marloes = accountIDs["lead@houten.demo"], let houtenID = organisationIDs[houten],
              let desk = teamIDs[houten + "/Information desk"]
        else { return }
        let interpreter = Barrier(
            organisationID: houtenID, title: "No interpreter at the information desk",
            description: "People who speak little Dutch left the desk without help and did not come back.",
            kind: .otherStructural, teamID: desk, service: "", ownerID: marloes, createdByID: marloes, at: now.addingTimeInterval(-200 * day))
        try await interpreter.create(on: database)
        try await BarrierReview(barrierID: try interpreter.requireID(), status: .resolved,
                                note: "Arabic and Turkish speaking volunteers now staff the desk on Tuesdays and Thursdays.",
                                byID: marloes, at: now.addingTimeInterval(-120 * day)).create(on: database)
        interpreter.status = .resolved
        interpreter.updatedAt = now.addingTimeInterval(-120 * day)
        try await interpreter.update(on: database)
    }

    /// A closed consultation in Hull: what makes a supervision meeting worth coming to. Answers
    /// from a workshop with people on probation, coded by the coordinator. The theme "Meetings
    /// feel rushed".
    private static func loadHullConsultation(
        dawn: UUID, organisationID: UUID, teamID: UUID, timeZone: TimeZone, at now: Date, on database: any Database
    ) async throws -> UUID {
        let day = 86_400.0
        let asked = Consultation(
            organisationID: organisationID, teamID: teamID, title: "What makes a meeting with your officer worth coming to?",
            purpose: "We want supervision meetings to be about your plans, not only your conditions. Tell us what helps.",
            audience: "People on probation with My Direction", opensOn: PlanActions.day(now.addingTimeInterval(-130 * day), in: timeZone),
            closesOn: PlanActions.day(now.addingTimeInterval(-100 * day), in: timeZone), language: "en",
            publicCode: ConsultationCode(typed: "HWTK42")!, createdByID: dawn, at: now.addingTimeInterval(-135 * day))
        try await asked.create(on: database)
        let consultationID = try asked.requireID()
        let question = Question(consultationID: consultationID, position: 1, kind: .openText,
                                text: "Think of your last meeting with your officer. What helped, and what did not?", choices: [],
                                conditionQuestionID: nil, conditionChoice: nil, at: now.addingTimeInterval(-135 * day))
        try await question.create(on: database)
        try await Assumption(consultationID: consultationID, statement: "People on probation would rather keep meetings short.",
                             heldBy: "Probation officers", confidence: 65, ifWrong: "Give meetings the time a real conversation needs.",
                             addedAfterOpening: false, createdByID: dawn, at: now.addingTimeInterval(-134 * day)).create(on: database)
        try await Consultations.move(consultationID, from: .draft, to: .open, at: now.addingTimeInterval(-130 * day), on: database)
        guard let open = try await Consultation.find(consultationID, on: database) else { return consultationID }
        let said = [
            "Twenty minutes and she was looking at the clock the whole time.",
            "We only went through my conditions. Nobody asked about the job I want.",
            "My officer changed twice this year. I had to tell my story again each time.",
            "It felt rushed. I did not say what was really going on.",
            "Good when there is time. Lately there is never time.",
            "He listened, but the next person was already waiting outside.",
            "Short meetings, always late. I stopped bringing up my housing.",
        ]
        for (index, text) in said.enumerated() {
            try await Answers.enter([question.id!: Answers.Given(text: text)], groups: [], channel: .workshop, language: "en",
                                    in: open, by: dawn, at: now.addingTimeInterval(-115 * day + Double(index) * 600), on: database)
        }
        let rushed = Theme(consultationID: consultationID, parentID: nil, name: "Meetings feel rushed",
                           description: "No time to talk about what matters; the clock sets the agenda", createdByID: dawn,
                           at: now.addingTimeInterval(-98 * day))
        try await rushed.create(on: database)
        let changing = Theme(consultationID: consultationID, parentID: nil, name: "Officers keep changing", description: "",
                             createdByID: dawn, at: now.addingTimeInterval(-98 * day))
        try await changing.create(on: database)
        for answer in try await Answer.query(on: database).filter(\.$questionID == question.requireID()).all() {
            let theme = answer.text.contains("changed") ? changing : rushed
            try await Coding(answerID: try answer.requireID(), themeID: try theme.requireID(), coderID: dawn, passage: nil,
                             at: now.addingTimeInterval(-97 * day)).create(on: database)
        }
        try await Consultations.move(consultationID, from: .open, to: .closed, at: now.addingTimeInterval(-100 * day), on: database)
        return try rushed.requireID()
    }
}
