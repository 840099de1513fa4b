import Agenda
import Foundation
import KanssaCore
import Testing

/// Clashes, flags and agenda alignment, from plain actions and goals.
@Suite struct WholePictureTests {
    @Test func theDayIsTheOneOnTheWallWhereThePlanIsKept() throws {
        let late = try #require(ISO8601DateFormatter().date(from: "2026-11-29T22:30:00Z"))
        #expect(PlanActions.day(late, in: try #require(TimeZone(identifier: "Europe/Helsinki"))) == "2026-11-30")
        #expect(PlanActions.day(late, in: try #require(TimeZone(identifier: "America/Sao_Paulo"))) == "2026-11-29")
        let early = try #require(ISO8601DateFormatter().date(from: "0987-03-04T12:00:00Z"))
        #expect(PlanActions.day(early, in: try #require(TimeZone(identifier: "UTC"))) == "0987-03-04")
    }

    let plan = UUID()
    let citizen = UUID()
    let sanne = UUID()
    let work = UUID()
    let support = UUID()
    let own = MyPlan.GoalLine(id: UUID(), text: "Find work", origin: .citizen, status: .active, suggestedBy: nil)
    let endorsed = MyPlan.GoalLine(id: UUID(), text: "Driving licence", origin: .suggested, status: .active, suggestedBy: "Sanne")
    let waiting = MyPlan.GoalLine(id: UUID(), text: "A course", origin: .suggested, status: .awaitingCitizen, suggestedBy: "Joost")
    let declined = MyPlan.GoalLine(id: UUID(), text: "Move town", origin: .suggested, status: .declined, suggestedBy: "Joost")

    func action(
        _ text: String, goal: MyPlan.GoalLine, team: UUID?, due: String?, status: ActionStatus = .open
    ) -> PlanAction {
        let action = PlanAction(
            id: UUID(), planID: plan,
            draft: ActionDraft(goalID: goal.id, text: text, owner: .citizen, dueOn: due, status: status),
            teamID: team, by: citizen, at: Date())
        return action
    }

    func build(_ actions: [PlanAction]) -> WholePicture.Model {
        WholePicture.build(
            ownerName: "Fatima", actions: actions, goals: [own, endorsed, waiting, declined],
            serviceNames: [work: "Work and income · Houten", support: "Social support · Houten"], names: [:],
            showGoals: true, today: "2026-11-29", professionals: [])
    }

    @Test func actionsOfDifferentServicesOnTheSameDayClash() {
        let picture = build([
            action("Job interview", goal: own, team: work, due: "2026-12-03"),
            action("Parenting course", goal: waiting, team: support, due: "2026-12-03"),
            action("Practise the theory test", goal: endorsed, team: nil, due: "2026-12-03", status: .done),
            action("Two things of one service", goal: own, team: work, due: "2026-12-10"),
            action("The same service again", goal: own, team: work, due: "2026-12-10"),
        ])
        #expect(picture.clashes.map(\.day) == ["2026-12-03"])
        #expect(Set(picture.clashes[0].lines.map(\.text)) == ["Job interview", "Parenting course"])
        let flagged = picture.services.flatMap(\.lines).filter(\.clashes).map(\.text)
        #expect(Set(flagged) == ["Job interview", "Parenting course"])
    }

    @Test func alignmentCountsOpenActionsServingTheCitizensOwnGoals() {
        let picture = build([
            action("a", goal: own, team: work, due: nil),
            action("b", goal: endorsed, team: nil, due: nil),
            action("c", goal: waiting, team: support, due: nil),
            action("d", goal: declined, team: support, due: nil),
            action("done, not counted", goal: waiting, team: support, due: nil, status: .done),
            action("dropped, not counted", goal: own, team: work, due: nil, status: .dropped),
        ])
        #expect(picture.alignment == Alignment(serving: 2, open: 4))
        #expect(picture.alignment.percent == 50)
        #expect(Set(picture.notCitizens.map(\.text)) == ["c", "d"])
        // A declined goal is no longer offered for new actions.
        #expect(picture.goals.map(\.text) == ["Find work", "Driving licence", "A course"])
    }

    @Test func percentRoundsHalfUpAndIsAbsentWithoutOpenActions() {
        #expect(Alignment(serving: 1, open: 3).percent == 33)
        #expect(Alignment(serving: 2, open: 3).percent == 67)
        #expect(Alignment(serving: 1, open: 8).percent == 13)  // 12.5
        #expect(Alignment(serving: 0, open: 0).percent == nil)
    }

    @Test func overdueIsOpenAndBeforeToday() {
        let picture = build([
            action("late", goal: own, team: nil, due: "2026-11-28"),
            action("today", goal: own, team: nil, due: "2026-11-29"),
            action("late but done", goal: own, team: nil, due: "2026-11-01", status: .done),
        ])
        let overdue = picture.services.flatMap(\.lines).filter(\.isOverdue).map(\.text)
        #expect(overdue == ["late"])
    }

    @Test func servicesAreSideBySideWithTheCitizensOwnFirst() {
        let picture = build([
            action("x", goal: own, team: work, due: nil), action("y", goal: own, team: nil, due: nil),
            action("z", goal: own, team: support, due: nil),
        ])
        #expect(picture.services.map(\.name) == ["Fatima", "Social support · Houten", "Work and income · Houten"])
    }

    func tension(_ one: MyPlan.GoalLine, _ other: MyPlan.GoalLine) -> GoalTension {
        let tension = GoalTension(planID: plan, firstGoalID: one.id, secondGoalID: other.id, note: "No time for both",
                                  createdByID: sanne, createdAt: Date(), withOwnerPresent: true)
        tension.id = UUID()
        return tension
    }

    @Test func servicesServingGoalsThatPullAgainstEachOtherClash() {
        let actions = [
            action("Full-time job search", goal: own, team: work, due: nil),
            action("Collect the children at three", goal: endorsed, team: support, due: nil),
            action("Done long ago", goal: endorsed, team: nil, due: nil, status: .done),
            action("Unrelated", goal: waiting, team: support, due: nil),
        ]
        let picture = WholePicture.build(
            ownerName: "Fatima", actions: actions, goals: [own, endorsed, waiting], serviceNames: [work: "Work", support: "Support"],
            names: [sanne: "Sanne"], showGoals: true, today: "2026-11-29",
            tensions: [tension(own, endorsed), tension(own, waiting)], professionals: [])
        #expect(picture.tensions.map(\.isClash) == [true, true])
        #expect(picture.tensions[0].firstActions.map(\.text) == ["Full-time job search"])
        #expect(picture.tensions[0].secondActions.map(\.text) == ["Collect the children at three"], "open actions only")
        #expect(picture.tensions[0].notedBy == "Sanne" && picture.tensions[0].notedWithOwnerPresent)
        let pulling = Set(picture.services.flatMap(\.lines).filter(\.pullsAgainst).map(\.text))
        #expect(pulling == ["Full-time job search", "Collect the children at three", "Unrelated"])
        // One service on both sides pulls against nothing but itself: noted, not a clash between services.
        let alone = WholePicture.build(
            ownerName: "Fatima", actions: [action("a", goal: own, team: work, due: nil), action("b", goal: endorsed, team: work, due: nil)],
            goals: [own, endorsed], serviceNames: [:], names: [:], showGoals: true, today: "2026-11-29",
            tensions: [tension(own, endorsed)], professionals: [])
        #expect(alone.tensions.map(\.isClash) == [false])
        #expect(alone.services.flatMap(\.lines).allSatisfy { !$0.pullsAgainst })
        // Without the goals, no tension is shown.
        let hidden = WholePicture.build(
            ownerName: "Fatima", actions: actions, goals: [own, endorsed, waiting], serviceNames: [:], names: [:], showGoals: false,
            today: "2026-11-29", tensions: [tension(own, endorsed)], professionals: [])
        #expect(hidden.tensions.isEmpty)
    }

    @Test func aTensionNeedsTwoDifferentGoalsOfThePlanNotedOnce() {
        let goals = [own, endorsed, declined]
        let known = [tension(own, endorsed)]
        func check(_ first: UUID, _ second: UUID, note: String = "") -> Result<GoalTensions.Checked, ProblemList<GoalTensions.Problem>> {
            GoalTensions.check(GoalTensions.Draft(first: first.uuidString, second: second.uuidString, note: note), goals: goals, known: known)
        }
        #expect(check(endorsed.id, own.id) == .failure(ProblemList([.known])), "in either order")
        #expect(check(own.id, own.id) == .failure(ProblemList([.goals])))
        #expect(check(own.id, declined.id) == .failure(ProblemList([.goals])), "a declined suggestion is no one's goal")
        #expect(check(own.id, UUID()) == .failure(ProblemList([.goals])), "another plan's goal")
        let long = String(repeating: "x", count: 301)
        #expect(check(own.id, waiting.id, note: long) == .failure(ProblemList([.goals, .note])))
    }

    @Test func goalWordsAreLeftOutWhenTheViewerMayNotSeeTheGoals() {
        let picture = WholePicture.build(
            ownerName: "Fatima", actions: [action("x", goal: own, team: work, due: nil)], goals: [own], serviceNames: [:],
            names: [:], showGoals: false, today: "2026-11-29", professionals: [])
        #expect(picture.services[0].lines[0].goal == nil)
        #expect(picture.services[0].lines[0].servesCitizensGoal)
    }
}

@Suite struct ActionFormTests {
    let goal = MyPlan.GoalLine(id: UUID(), text: "Find work", origin: .citizen, status: .active, suggestedBy: nil)
    let declined = MyPlan.GoalLine(id: UUID(), text: "Move", origin: .suggested, status: .declined, suggestedBy: "J")
    let sanne = PlanActions.Person(id: UUID(), name: "Sanne")

    @Test func aCompleteFormBecomesAnAction() throws {
        let form = ActionForm(goal: goal.id.uuidString, text: "  Call the hospital  ", owner: "professional:\(sanne.id)", due: "2027-01-31")
        let draft = try form.check(goals: [goal], professionals: [sanne], today: "2026-11-29").get()
        #expect(draft == ActionDraft(goalID: goal.id, text: "Call the hospital", owner: .professional(sanne.id), dueOn: "2027-01-31", status: .open))
    }

    @Test func everyProblemIsReportedAtOnce() {
        let form = ActionForm(goal: declined.id.uuidString, text: " ", owner: "professional:\(UUID())", due: "2027-02-30", status: "maybe")
        let result = form.check(goals: [goal, declined], professionals: [sanne], today: "2026-11-29")
        #expect(result == .failure(ProblemList([.text, .goal, .owner, .due, .status])))
    }

    @Test(arguments: ["2040-01-01", "31.1.2027", "2027-1-31", "tomorrow"])
    func dueDaysMustBeRealAndNear(due: String) {
        let form = ActionForm(goal: goal.id.uuidString, text: "x", owner: "citizen", due: due)
        #expect(form.check(goals: [goal], professionals: [], today: "2026-11-29") == .failure(ProblemList([.due])))
    }

    @Test func aSupporterNeedsAName() throws {
        let without = ActionForm(goal: goal.id.uuidString, text: "x", owner: "supporter", supporter: "  ")
        #expect(without.check(goals: [goal], professionals: [], today: "2026-11-29") == .failure(ProblemList([.supporter])))
        let with = ActionForm(goal: goal.id.uuidString, text: "x", owner: "supporter", supporter: "Amal")
        #expect(try with.check(goals: [goal], professionals: [], today: "2026-11-29").get().owner == .supporter("Amal"))
    }
}

@Suite struct CheckInRequestTests {
    let areas = LifeArea.defaults

    @Test func ratedAreasAreKeptAndEmptyOnesLeftOut() throws {
        let draft = CheckIns.Draft(fields: ["rating-home": "7", "note-home": " Quieter now ", "rating-money": "3", "csrf": "x"], areas: areas)
        let ratings = try CheckIns.check(draft, areas: areas).get()
        #expect(ratings == [
            CheckIns.Rating(area: "home", rating: 7, note: "Quieter now"),
            CheckIns.Rating(area: "money", rating: 3, note: nil),
        ])
    }

    @Test func badRatingsNotesWithoutRatingsAndEmptyFormsAreRefused() {
        func check(_ fields: [String: String]) -> Result<[CheckIns.Rating], ProblemList<CheckIns.Problem>> {
            CheckIns.check(CheckIns.Draft(fields: fields, areas: areas), areas: areas)
        }
        #expect(check([:]) == .failure(ProblemList([.nothingRated("home")])))
        #expect(check(["rating-home": "11", "rating-money": "0", "rating-health": "five"])
            == .failure(ProblemList([.rating("home"), .rating("health"), .rating("money")])))
        #expect(check(["note-home": "no rating"]) == .failure(ProblemList([.note("home")])))
        #expect(check(["rating-home": "5", "note-home": String(repeating: "x", count: 501)]) == .failure(ProblemList([.note("home")])))
    }

    @Test func onlyTheAreasAskedAreRead() throws {
        let own = [LifeArea(key: "0F6A1F0E-8C43-4B57-9A0C-2B1D4E8F9A10", name: .written("School"))]
        let draft = CheckIns.Draft(fields: ["rating-home": "7", "rating-0F6A1F0E-8C43-4B57-9A0C-2B1D4E8F9A10": "4"], areas: own)
        #expect(try CheckIns.check(draft, areas: own).get() == [CheckIns.Rating(area: own[0].key, rating: 4, note: nil)])
    }

    @Test func theDifferenceIsTheLatestOfEachViewNeverAnAverage() {
        let day = 24.0 * 3600
        let start = Date(timeIntervalSince1970: 1_780_000_000)
        func point(_ days: Double, _ rating: Int, _ perspective: CheckInPerspective) -> Journey.Point {
            Journey.Point(date: start.addingTimeInterval(days * day), rating: rating, perspective: perspective, note: nil, ratedBy: "x", isViewer: false)
        }
        let journey = Journey(area: .standard(.money), points: [point(0, 3, .citizen), point(1, 6, .professional), point(30, 5, .citizen), point(31, 8, .professional)])
        #expect(journey.latest(.citizen)?.rating == 5)
        #expect(journey.difference == 3)
        #expect(Journey(area: .standard(.money), points: [point(0, 3, .citizen)]).difference == nil)
    }
}

@Suite struct OrganisationLifeAreasTests {
    @Test func aListIsReadOneNamePerLineBlankLinesLeftOut() throws {
        #expect(try OrganisationLifeAreas.check("  Housing \n\n School\r\nFriends\n").get() == ["Housing", "School", "Friends"])
        #expect(try OrganisationLifeAreas.check("").get() == [])
    }

    @Test func tooManyTooLongAndRepeatedNamesAreRefused() {
        let thirteen = (1...13).map { "Area \($0)" }.joined(separator: "\n")
        #expect(OrganisationLifeAreas.check(thirteen) == .failure(ProblemList([.tooMany])))
        let long = String(repeating: "x", count: 61)
        #expect(OrganisationLifeAreas.check("School\n\(long)") == .failure(ProblemList([.badName(String(long.prefix(60)))])))
        #expect(OrganisationLifeAreas.check("School\nschool") == .failure(ProblemList([.repeated("school")])))
    }
}
