import Agenda
import Encountering
import Foundation
import KanssaCore
import Learning
import Listening
@preconcurrency import Plot

/// The dashboard page: each section a table of this quarter beside the one before, how it is
/// counted and how many it rests on, and a sentence saying what changed. Prints as the pilot
/// report: the print styles drop the navigation and the form.
public enum DashboardPage {
    static func followUp(_ outcome: FollowUpOutcome, _ t: Localizer) -> String {
        switch outcome {
        case .did: t(.dashboardReachDid)
        case .partly: t(.dashboardReachPartly)
        case .notYet: t(.dashboardReachNotYet)
        }
    }

    public struct View {
        let model: Dashboard.Model
        let chrome: Chrome
        /// The model as kept, with what is rendered from it alone.
        let kept: Kept<Dashboard.Model>

        public init(shown: Dashboard.Shown, chrome: Chrome) {
            model = shown.model
            kept = shown.kept
            self.chrome = chrome
        }

        private var t: Localizer { chrome.t }

        private func quarter(_ period: StaffChanges.Period) -> String {
            period.isCurrent ? t(.staffChangesQuarterNow, ["date": t.day(period.firstDay)]) : t(.staffChangesQuarter, ["date": t.day(period.firstDay)])
        }

        private var columns: [String] { [quarter(model.current), quarter(model.previous)] }

        /// Every section but agenda alignment is rendered once per language from the kept model;
        /// alignment, read on every view, is rendered on every view.
        public func render() -> HTML {
            let chrome = chrome
            let language = t.language
            return Layout.page(
                title: t(.dashboardTitle, ["organisation": model.organisationName]), chrome: chrome,
                content: .div(
                    .rendered(kept.rendering(language + " before") { View(model: $0, chrome: chrome).before }),
                    alignment,
                    .rendered(kept.rendering(language + " after") { View(model: $0, chrome: chrome).after })
                )
            )
        }

        private init(model: Dashboard.Model, chrome: Chrome) {
            self.model = model
            self.chrome = chrome
            kept = Kept(model)
        }

        private var before: Node<HTML.BodyContext> {
            .group(
                .p(.txt(t(.dashboardIntro))),
                .p(.strong(.txt(t(.dashboardShowing, ["quarter": quarter(model.current), "scope": model.team ?? t(.dashboardWholeOrganisation)])))),
                filter,
                .p(.class("screen-only"), .a(.link(EvaluationRoute.dashboardCSV(organisation: model.organisationID, quarter: model.chosen,
                                                                                team: model.teamID).url), .txt(t(.dashboardCsvLink)))),
                pulse, staff, continuity, barriers, voice
            )
        }

        private var after: Node<HTML.BodyContext> {
            .group(mindset, practice, reach, listening)
        }

        private var filter: Node<HTML.BodyContext> {
            .form(
                .class("stack narrow screen-only"), .method(.get),
                .safe("action", EvaluationRoute.dashboard(organisation: model.organisationID).url.value),
                Components.select(name: "quarter", label: t(.dashboardQuarterField), options: (1..<model.periods.count).reversed().map { index in
                    .init(value: String(index), label: quarter(model.periods[index]), isSelected: index == model.chosen)
                }),
                Components.select(name: "team", label: t(.dashboardTeamField),
                                  options: [.init(value: "", label: t(.dashboardWholeOrganisation), isSelected: model.teamID == nil)]
                                      + model.teams.map { .init(value: $0.id.uuidString, label: $0.name, isSelected: $0.id == model.teamID) }),
                Components.submit(t(.dashboardShow), style: .secondary)
            )
        }

        private func section(_ heading: String, sentence: String, how: String, _ content: Node<HTML.BodyContext>) -> Node<HTML.BodyContext> {
            .section(.class("dashboard-section"), .h2(.txt(heading)), .p(.strong(.txt(sentence))), content, .p(.class("field__hint"), .txt(how)))
        }

        private func comparison(_ caption: String, rows: [(String, String, String)]) -> Node<HTML.BodyContext> {
            Components.table(caption: caption, headers: [t(.dashboardMeasure)] + columns,
                             rows: rows.map { [.txt($0.0), .txt($0.1), .txt($0.2)] })
        }

        private func share(_ value: Double?) -> String {
            value.map { t(.staffChangesShare, ["share": t.decimal($0 * 100)]) } ?? t(.staffChangesNone)
        }

        // MARK: Sections

        private var pulse: Node<HTML.BodyContext> {
            guard let pulse = model.pulse else {
                return section(t(.dashboardPulseHeading), sentence: t(.dashboardPulseNone), how: t(.dashboardPulseHow), .empty)
            }
            let point: (PulseFigures.Point?) -> String = { point in
                point.map { t(.dashboardPulsePoint, ["mean": t.decimal($0.mean), "lower": t.decimal($0.lower), "upper": t.decimal($0.upper)],
                              counts: ["people": $0.count]) } ?? t(.pulseHeldBack)
            }
            let up = pulse.conditions.filter { $0.isClear && ($0.current?.mean ?? 0) > ($0.previous?.mean ?? 0) }.count
            let down = pulse.conditions.filter { $0.isClear && ($0.current?.mean ?? 0) < ($0.previous?.mean ?? 0) }.count
            return section(
                t(.dashboardPulseHeading), sentence: t(.dashboardPulseSentence, ["pulse": pulse.label], counts: ["up": up, "down": down]),
                how: t(.dashboardPulseHow),
                comparison(t(.dashboardPulseHeading), rows: pulse.conditions.map { ($0.name, point($0.current), point($0.previous)) }))
        }

        private var staff: Node<HTML.BodyContext> {
            let (now, before) = model.staff
            let days: (Double?) -> String = { $0.map { t(.staffChangesDays, counts: ["days": Int($0.rounded())]) } ?? t(.staffChangesNone) }
            return section(
                t(.dashboardStaffHeading),
                sentence: t(.dashboardStaffSentence, ["now": share(now.turnover), "before": share(before.turnover)]),
                how: [t(.staffChangesTurnoverFormula), t(.staffChangesStabilityFormula), t(.staffChangesTenureFormula)].joined(separator: " "),
                comparison(t(.dashboardStaffHeading), rows: [
                    (t(.staffChangesAtStart), t.number(now.atStart), t.number(before.atStart)),
                    (t(.staffChangesJoined), t.number(now.joined), t.number(before.joined)),
                    (t(.staffChangesLeft), t.number(now.left), t.number(before.left)),
                    (t(.staffChangesTurnover), share(now.turnover), share(before.turnover)),
                    (t(.staffChangesStability), share(now.stability), share(before.stability)),
                    (t(.staffChangesTenure), days(now.medianTenureDays), days(before.medianTenureDays)),
                ]))
        }

        private var continuity: Node<HTML.BodyContext> {
            let (now, before) = model.continuity
            let days: (Double?) -> String = { $0.map { t(.staffChangesDays, counts: ["days": Int($0.rounded())]) } ?? t(.staffChangesNone) }
            return section(
                t(.continuityHeading), sentence: t(.dashboardContinuitySentence, counts: ["now": now.plans, "before": before.plans]),
                how: t(.continuityFormula),
                comparison(t(.continuityHeading), rows: [
                    (t(.continuityPlans), t.number(now.plans), t.number(before.plans)),
                    (t(.continuityMedian), days(now.medianDays), days(before.medianDays)),
                    (t(.continuityLongest), days(now.longestDays), days(before.longestDays)),
                    (t(.continuityWaiting), t.number(now.waiting), t.number(before.waiting)),
                ]))
        }

        private var barriers: Node<HTML.BodyContext> {
            let barriers = model.barriers
            let current = (barriers.byStatus[.open] ?? 0) + (barriers.byStatus[.beingAddressed] ?? 0)
            return section(
                t(.dashboardBarriersHeading),
                sentence: t(.dashboardBarriersSentence, counts: ["recorded": barriers.recorded, "resolved": barriers.resolved, "current": current]),
                how: t(.dashboardBarriersHow),
                .group(
                    Components.table(caption: t(.dashboardBarriersStatusCaption), headers: [t(.barrierStatus), t(.dashboardCount)],
                                     rows: BarrierStatus.allCases.map { [.txt(BarrierWords.status($0, t)), .txt(t.number(barriers.byStatus[$0] ?? 0))] }),
                    .if(!barriers.open.isEmpty, .ul(.forEach(barriers.open) { barrier in
                        .li(.a(.link(EvaluationRoute.barrier(organisation: model.organisationID, barrier: barrier.id).url), .txt(barrier.title)),
                            .txt(" – " + BarrierWords.status(barrier.status, t) + ", " + barrier.owner))
                    }))
                ))
        }

        private var voice: Node<HTML.BodyContext> {
            let (now, before) = model.voice
            let enough: (CitizensVoice.Tally) -> Bool = { $0.count >= GroupFigures.smallestGroup }
            let yes: (CitizensVoice.Tally, CitizensVoice.Question) -> String = { tally, question in
                enough(tally) ? t(.staffChangesShare, ["share": t.number(Int((tally.share(question, .yes) * 100).rounded()))]) : t(.dashboardFewer)
            }
            let sentence = enough(now) && enough(before)
                ? t(.dashboardVoiceSentence, ["now": yes(now, .listened), "before": yes(before, .listened)])
                : t(.dashboardVoiceFew)
            return section(
                t(.dashboardVoiceHeading), sentence: sentence, how: t(.dashboardVoiceHow),
                comparison(t(.dashboardVoiceHeading), rows: [
                    (t(.voiceFiguresCount), enough(now) ? t.number(now.count) : t(.dashboardFewer), enough(before) ? t.number(before.count) : t(.dashboardFewer)),
                ] + CitizensVoice.Question.allCases.map { question in
                    (VoiceWords.question(question, easy: false, name: "", t), yes(now, question), yes(before, question))
                }))
        }

        private var alignment: Node<HTML.BodyContext> {
            section(
                t(.dashboardAlignmentHeading), sentence: t(.dashboardAlignmentSentence), how: t(.dashboardAlignmentHow),
                Components.table(
                    caption: t(.dashboardAlignmentHeading), headers: [t(.staffChangesTeam), t(.dashboardPlans), t(.dashboardAlignmentShare)],
                    rows: model.alignment.map { line in
                        [.txt(line.team), .txt(t.number(line.plans)),
                         .txt(line.alignment.flatMap(\.percent).map { t(.staffChangesShare, ["share": t.number($0)]) } ?? t(.dashboardFewerPlans))]
                    }))
        }

        private var mindset: Node<HTML.BodyContext> {
            let (now, before) = model.mindset
            guard let shown = now ?? before else {
                return section(t(.dashboardMindsetHeading), sentence: t(.dashboardMindsetNone), how: t(.dashboardMindsetHow), .empty)
            }
            let point: (GroupFigures.PairedChange?) -> String = { change in
                change.map { t(.dashboardMindsetPoint, ["change": t.signedDecimal($0.meanDifference), "lower": t.signedDecimal($0.lower),
                                                         "upper": t.signedDecimal($0.upper)], counts: ["people": $0.count]) } ?? t(.dashboardFewer)
            }
            let changes = (now?.subscales ?? []).compactMap(\.change)
            let rounds: (LearningEvidence.MindsetChange?) -> String = { $0.map { "“\($0.before)” → “\($0.after)”" } ?? t(.dashboardMindsetNoRound) }
            return section(
                t(.dashboardMindsetHeading),
                sentence: now.map { now in
                    t(.dashboardMindsetSentence, ["before": now.before, "after": now.after],
                      counts: ["up": changes.filter { $0.lower > 0 }.count, "down": changes.filter { $0.upper < 0 }.count])
                } ?? t(.dashboardMindsetNone),
                how: t(.dashboardMindsetHow),
                comparison(t(.dashboardMindsetHeading), rows: [(t(.dashboardMindsetRounds), rounds(now), rounds(before))]
                    + shown.subscales.map { subscale in
                        (subscale.name, now.map { point($0.subscales.first { $0.name == subscale.name }?.change) } ?? t(.dashboardMindsetNoRound),
                         before.map { point($0.subscales.first { $0.name == subscale.name }?.change) } ?? t(.dashboardMindsetNoRound))
                    }))
        }

        private var practice: Node<HTML.BodyContext> {
            let (now, before) = model.practice
            guard let active = now.active, let tools = now.tools else {
                return section(t(.dashboardPracticeHeading), sentence: t(.dashboardPracticeFew), how: t(.dashboardPracticeHow), .empty)
            }
            let names = (tools.isEmpty ? before.tools ?? [] : tools).prefix(5).map(\.name)
            let people: (LearningEvidence.Practice, String) -> String = { practice, name in practice.people(using: name).map(t.number) ?? t(.dashboardFewer) }
            return section(
                t(.dashboardPracticeHeading),
                sentence: t(.dashboardPracticeSentence, ["people": t.number(now.professionals), "before": before.active.map(t.number) ?? t(.dashboardFewer)],
                            counts: ["now": active]),
                how: t(.dashboardPracticeHow),
                comparison(t(.dashboardPracticeHeading), rows: [
                    (t(.dashboardPracticeActive), t.number(active), before.active.map(t.number) ?? t(.dashboardFewer)),
                ] + names.map { name in (t(.dashboardPracticeTool, ["tool": name]), people(now, name), people(before, name)) }))
        }

        private var reach: Node<HTML.BodyContext> {
            let (now, before) = model.reach
            let outcome: (EncounteringEvidence.Reach, Int) -> String = { reach, index in reach.outcomes.map { t.number($0[index]) } ?? t(.dashboardFewer) }
            return section(
                t(.dashboardReachHeading),
                sentence: t(.dashboardReachSentence, counts: ["sessions": now.sessions, "trained": now.trained, "sessionsBefore": before.sessions,
                                                              "trainedBefore": before.trained]),
                how: t(.dashboardReachHow),
                comparison(t(.dashboardReachHeading), rows: [
                    (t(.dashboardReachSessions), t.number(now.sessions), t.number(before.sessions)),
                    (t(.dashboardReachTrained), t.number(now.trained), t.number(before.trained)),
                    (t(.dashboardReachFollowUps), t.number(now.followUps), t.number(before.followUps)),
                ] + FollowUpOutcome.allCases.enumerated().map { index, name in
                    (DashboardPage.followUp(name, t), outcome(now, index), outcome(before, index))
                }))
        }

        private var listening: Node<HTML.BodyContext> {
            let (now, before) = model.listening
            guard now.consultations > 0 else {
                return section(t(.dashboardListeningHeading), sentence: t(.dashboardListeningNone), how: t(.dashboardListeningHow), .empty)
            }
            let decisions: (ListeningEvidence.Outcomes, DecisionKind) -> String = { t.number($0.decisions[$1] ?? 0) }
            return section(
                t(.dashboardListeningHeading),
                sentence: t(.dashboardListeningSentence, counts: ["stopped": now.decisions[.stop] ?? 0, "started": now.decisions[.start] ?? 0,
                                                                  "overturned": now.overturned, "judged": now.judged]),
                how: t(.dashboardListeningHow),
                comparison(t(.dashboardListeningHeading), rows: DecisionKind.allCases.map { kind in
                    (t(.dashboardDecisions, ["kind": ListeningWords.decision(kind, t)]), decisions(now, kind), decisions(before, kind))
                } + [
                    (t(.dashboardJudged), t.number(now.judged), t.number(before.judged)),
                    (t(.dashboardOverturned), t.number(now.overturned), t.number(before.overturned)),
                ]))
        }
    }
}
