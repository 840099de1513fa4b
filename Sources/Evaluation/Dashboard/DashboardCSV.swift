import Foundation
import Encountering
import KanssaCore
import Learning
import Listening

/// Every aggregate on the dashboard as comma-separated values: a row per figure, quarter and
/// scope, with the number it rests on. Numbers are written plainly (a point for decimals, shares
/// from 0 to 1) for spreadsheets and statistics programs; a figure held back has no value.
public enum DashboardCSV {
    public static func document(_ model: Dashboard.Model, _ t: Localizer) -> String {
        let scope = model.team ?? t(.dashboardWholeOrganisation)
        var rows: [[String]] = []
        func add(_ section: MessageKey, _ figure: String, _ quarter: StaffChanges.Period?, value: Double?, lower: Double? = nil,
                 upper: Double? = nil, restsOn: Int? = nil) {
            rows.append([t(section), figure, quarter?.firstDay ?? "", scope, number(value), number(lower), number(upper),
                         restsOn.map(String.init) ?? ""])
        }
        let quarters = [(model.current, 0), (model.previous, 1)]
        if let pulse = model.pulse {
            for condition in pulse.conditions {
                for (quarter, index) in quarters {
                    let point = index == 0 ? condition.current : condition.previous
                    add(.dashboardPulseHeading, condition.name, quarter, value: point?.mean, lower: point?.lower, upper: point?.upper, restsOn: point?.count)
                }
            }
        }
        for (quarter, index) in quarters {
            let staff = index == 0 ? model.staff.current : model.staff.previous
            add(.dashboardStaffHeading, t(.staffChangesAtStart), quarter, value: Double(staff.atStart))
            add(.dashboardStaffHeading, t(.staffChangesJoined), quarter, value: Double(staff.joined))
            add(.dashboardStaffHeading, t(.staffChangesLeft), quarter, value: Double(staff.left))
            add(.dashboardStaffHeading, t(.staffChangesTurnover), quarter, value: staff.turnover)
            add(.dashboardStaffHeading, t(.staffChangesStability), quarter, value: staff.stability, restsOn: staff.atStart)
            add(.dashboardStaffHeading, t(.staffChangesTenure), quarter, value: staff.medianTenureDays, restsOn: staff.atEnd)
            let continuity = index == 0 ? model.continuity.current : model.continuity.previous
            add(.continuityHeading, t(.continuityPlans), quarter, value: Double(continuity.plans))
            add(.continuityHeading, t(.continuityMedian), quarter, value: continuity.medianDays)
            add(.continuityHeading, t(.continuityLongest), quarter, value: continuity.longestDays)
            add(.continuityHeading, t(.continuityWaiting), quarter, value: Double(continuity.waiting))
            let voice = index == 0 ? model.voice.current : model.voice.previous
            let shown = voice.count >= GroupFigures.smallestGroup
            for question in CitizensVoice.Question.allCases {
                for answer in FeedbackAnswer.allCases.reversed() {
                    add(.dashboardVoiceHeading, VoiceWords.question(question, easy: false, name: "", t) + " – " + VoiceWords.answer(answer, easy: false, t),
                        quarter, value: shown ? voice.share(question, answer) : nil, restsOn: shown ? voice.count : nil)
                }
            }
            let listening = index == 0 ? model.listening.current : model.listening.previous
            for kind in DecisionKind.allCases {
                add(.dashboardListeningHeading, t(.dashboardDecisions, ["kind": ListeningWords.decision(kind, t)]), quarter,
                    value: Double(listening.decisions[kind] ?? 0))
            }
            add(.dashboardListeningHeading, t(.dashboardJudged), quarter, value: Double(listening.judged))
            add(.dashboardListeningHeading, t(.dashboardOverturned), quarter, value: Double(listening.overturned))
            if let mindset = index == 0 ? model.mindset.current : model.mindset.previous {
                for subscale in mindset.subscales {
                    let change = subscale.change
                    add(.dashboardMindsetHeading, "\(subscale.name) (“\(mindset.before)” → “\(mindset.after)”)", quarter, value: change?.meanDifference,
                        lower: change?.lower, upper: change?.upper, restsOn: change?.count)
                }
            }
            let practice = index == 0 ? model.practice.current : model.practice.previous
            add(.dashboardPracticeHeading, t(.dashboardPracticeActive), quarter, value: practice.active.map(Double.init), restsOn: practice.professionals)
            for tool in practice.tools ?? [] {
                add(.dashboardPracticeHeading, t(.dashboardPracticeTool, ["tool": tool.name]), quarter, value: Double(tool.people),
                    restsOn: practice.professionals)
            }
            let reach = index == 0 ? model.reach.current : model.reach.previous
            add(.dashboardReachHeading, t(.dashboardReachSessions), quarter, value: Double(reach.sessions))
            add(.dashboardReachHeading, t(.dashboardReachTrained), quarter, value: Double(reach.trained))
            add(.dashboardReachHeading, t(.dashboardReachFollowUps), quarter, value: Double(reach.followUps))
            for (index, outcome) in FollowUpOutcome.allCases.enumerated() {
                add(.dashboardReachHeading, DashboardPage.followUp(outcome, t), quarter, value: reach.outcomes.map { Double($0[index]) },
                    restsOn: reach.outcomes == nil ? nil : reach.followUps)
            }
        }
        for status in BarrierStatus.allCases {
            add(.dashboardBarriersHeading, BarrierWords.status(status, t), nil, value: Double(model.barriers.byStatus[status] ?? 0))
        }
        add(.dashboardBarriersHeading, t(.dashboardCsvRecorded), model.current, value: Double(model.barriers.recorded))
        add(.dashboardBarriersHeading, t(.dashboardCsvResolved), model.current, value: Double(model.barriers.resolved))
        for line in model.alignment {
            add(.dashboardAlignmentHeading, line.team, nil, value: line.alignment.flatMap { $0.open == 0 ? nil : Double($0.serving) / Double($0.open) },
                restsOn: line.plans)
        }
        return CSV.document(
            header: [t(.dashboardCsvSection), t(.dashboardMeasure), t(.dashboardCsvQuarter), t(.dashboardCsvScope), t(.dashboardCsvValue),
                     t(.dashboardCsvLower), t(.dashboardCsvUpper), t(.dashboardCsvRestsOn)],
            rows: rows)
    }

    /// A number as spreadsheets read it in any language: a point, up to four decimals.
    static func number(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "" }
        if value == value.rounded() { return String(Int(value)) }
        return String(format: "%.4f", value)
    }
}
