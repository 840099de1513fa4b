import Foundation
import KanssaCore
@preconcurrency import Plot

/// An organisation's staff changes: per quarter, each team's turnover, stability and median
/// tenure with how each is counted; and for those who manage members, who joined and left.
public enum StaffChangesPage {
    public struct View {
        let model: StaffChanges.Model
        let chrome: Chrome

        public init(model: StaffChanges.Model, chrome: Chrome) {
            self.model = model
            self.chrome = chrome
        }

        public func render() -> HTML {
            let t = chrome.t
            return Layout.page(
                title: t(.staffChangesTitle, ["organisation": model.organisationName]), chrome: chrome,
                notices: model.notice.map { [$0] } ?? [],
                content: .div(
                    .p(.txt(t(.staffChangesIntro))),
                    .if(model.teams.isEmpty, .p(.txt(t(.staffChangesNoTeams)))),
                    .forEach(model.periods.indices.reversed()) { index in period(index) },
                    formulas,
                    continuity,
                    .unwrap(model.register) { register($0) }
                )
            )
        }

        private func period(_ index: Int) -> Node<HTML.BodyContext> {
            let t = chrome.t
            let period = model.periods[index]
            let heading = period.isCurrent ? t(.staffChangesQuarterNow, ["date": t.day(period.firstDay)])
                : t(.staffChangesQuarter, ["date": t.day(period.firstDay)])
            return .if(!model.teams.isEmpty, .section(
                .h2(.txt(heading)),
                Components.table(
                    caption: t(.staffChangesCaption, ["quarter": heading]),
                    headers: [t(.staffChangesTeam), t(.staffChangesAtStart), t(.staffChangesJoined), t(.staffChangesLeft), t(.staffChangesAtEnd),
                              t(.staffChangesTurnover), t(.staffChangesStability), t(.staffChangesTenure)],
                    rows: model.teams.map { team in
                        let figures = team.figures[index]
                        return [
                            .txt(team.name), .txt(t.number(figures.atStart)), .txt(t.number(figures.joined)), .txt(t.number(figures.left)),
                            .txt(t.number(figures.atEnd)),
                            .txt(figures.turnover.map { t(.staffChangesShare, ["share": t.decimal($0 * 100)]) } ?? t(.staffChangesNone)),
                            .txt(figures.stability.map { t(.staffChangesShare, ["share": t.decimal($0 * 100)]) } ?? t(.staffChangesNone)),
                            .txt(figures.medianTenureDays.map { t(.staffChangesDays, counts: ["days": Int($0.rounded())]) } ?? t(.staffChangesNone)),
                        ]
                    })
            ))
        }

        /// How each figure is counted, beside the tables.
        private var formulas: Node<HTML.BodyContext> {
            let t = chrome.t
            return .section(
                .h2(.txt(t(.staffChangesHowHeading))),
                .dl(
                    .dt(.txt(t(.staffChangesTurnover))), .dd(.txt(t(.staffChangesTurnoverFormula))),
                    .dt(.txt(t(.staffChangesStability))), .dd(.txt(t(.staffChangesStabilityFormula))),
                    .dt(.txt(t(.staffChangesTenure))), .dd(.txt(t(.staffChangesTenureFormula)))
                ),
                .p(.class("field__hint"), .txt(t(.staffChangesSource)))
            )
        }

        /// Plans that lost the last person who could see them, per quarter, newest first.
        private var continuity: Node<HTML.BodyContext> {
            let t = chrome.t
            let days: (Double?) -> Node<HTML.BodyContext> = { value in
                .txt(value.map { t(.staffChangesDays, counts: ["days": Int($0.rounded())]) } ?? t(.staffChangesNone))
            }
            return .section(
                .h2(.txt(t(.continuityHeading))),
                .p(.txt(t(.continuityIntro))),
                Components.table(
                    caption: t(.continuityCaption),
                    headers: [t(.continuityQuarter), t(.continuityPlans), t(.continuityMedian), t(.continuityLongest), t(.continuityWaiting)],
                    rows: zip(model.periods, model.continuity).reversed().map { period, figures in
                        [
                            .txt(period.isCurrent ? t(.staffChangesQuarterNow, ["date": t.day(period.firstDay)])
                                 : t(.staffChangesQuarter, ["date": t.day(period.firstDay)])),
                            .txt(t.number(figures.plans)), days(figures.medianDays), days(figures.longestDays), .txt(t.number(figures.waiting)),
                        ]
                    }),
                .p(.class("field__hint"), .txt(t(.continuityFormula)))
            )
        }

        private func register(_ register: Paged<StaffChanges.Line>) -> Node<HTML.BodyContext> {
            let t = chrome.t
            return .section(
                .h2(.txt(t(.staffRegisterHeading))),
                .if(register.items.isEmpty, .p(.txt(t(.staffRegisterNone)))),
                .if(!register.items.isEmpty, Components.table(
                    caption: t(.staffRegisterHeading),
                    headers: [t(.staffRegisterPerson), t(.staffChangesTeam), t(.staffRegisterJoined), t(.staffRegisterLeft), t(.staffRegisterReason)],
                    rows: register.items.map { line in
                        [
                            .txt(line.person ?? t(.staffRegisterErased)), .txt(line.team), .txt(t.date(line.joinedAt)),
                            .txt(line.leftAt.map { t.date($0) } ?? t(.staffRegisterStill)),
                            line.leftAt == nil ? .txt("") : .a(
                                .link(EvaluationRoute.staffChange(organisation: model.organisationID, stint: line.id).url),
                                .txt(line.reason.map { StaffWords.reason($0, t) } ?? t(.staffRegisterRecordReason))),
                        ]
                    })),
                Components.pagination(register, t: t) { EvaluationRoute.staffChanges(organisation: model.organisationID, page: $0).url }
            )
        }
    }

    /// The form where an admin records why someone's time in a team ended.
    public struct ReasonView {
        let organisationID: UUID
        let line: StaffChanges.Line
        let chrome: Chrome
        let error: String?

        public init(organisationID: UUID, line: StaffChanges.Line, chrome: Chrome, error: String? = nil) {
            self.organisationID = organisationID
            self.line = line
            self.chrome = chrome
            self.error = error
        }

        public func render() -> HTML {
            let t = chrome.t
            let who = line.person ?? t(.staffRegisterErased)
            return Layout.page(
                title: t(.staffReasonTitle, ["person": who, "team": line.team]), chrome: chrome,
                errors: error.map { [FieldError(field: "reason", message: $0)] } ?? [],
                content: .div(
                    .p(.txt(t(.staffReasonDates, ["joined": t.date(line.joinedAt), "left": line.leftAt.map { t.date($0) } ?? ""]))),
                    .form(
                        .class("stack narrow"), .method(.post),
                        .link(EvaluationRoute.staffChange(organisation: organisationID, stint: line.id).url, as: "action"),
                        Components.csrfField(chrome.csrfToken),
                        Components.radios(
                            name: "reason", legend: t(.staffRegisterReason),
                            options: LeaveReason.allCases.map {
                                .init(value: $0.rawValue, label: StaffWords.reason($0, t), isSelected: line.reason == $0)
                            },
                            error: error),
                        Components.submit(t(.staffReasonSave))
                    ),
                    .p(.a(.link(EvaluationRoute.staffChanges(organisation: organisationID).url), .txt(t(.staffReasonBack))))
                )
            )
        }
    }
}

/// The words for a reason for leaving.
public enum StaffWords {
    public static func reason(_ reason: LeaveReason, _ t: Localizer) -> String {
        switch reason {
        case .left: t(.leaveReasonLeft)
        case .movedTeam: t(.leaveReasonMovedTeam)
        case .longLeave: t(.leaveReasonLongLeave)
        case .providerEnded: t(.leaveReasonProviderEnded)
        }
    }
}
