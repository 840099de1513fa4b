import Foundation
import KanssaCore
@preconcurrency import Plot

/// Research exports' pages: an organisation's projects and the exports waiting for a second
/// person (coordinators and admins; admins admit researchers there), one export summarised for
/// the person who releases it, and a researcher's own projects with their downloads.
public enum ResearchPages {
    static func fieldName(_ field: ResearchField, _ t: Localizer) -> String {
        switch field {
        case .staffChanges: t(.researchFieldStaffChanges)
        case .meetingFeedback: t(.researchFieldMeetingFeedback)
        case .practiceLog: t(.researchFieldPracticeLog)
        case .trainingAttendance: t(.researchFieldTrainingAttendance)
        case .consultationAnswers: t(.researchFieldConsultationAnswers)
        }
    }

    static func fieldHint(_ field: ResearchField, _ t: Localizer) -> String {
        switch field {
        case .staffChanges: t(.researchFieldStaffChangesHint)
        case .meetingFeedback: t(.researchFieldMeetingFeedbackHint)
        case .practiceLog: t(.researchFieldPracticeLogHint)
        case .trainingAttendance: t(.researchFieldTrainingAttendanceHint)
        case .consultationAnswers: t(.researchFieldConsultationAnswersHint)
        }
    }

    static func status(_ line: ResearchProjects.ExportLine, _ t: Localizer) -> String {
        switch line.status {
        case .requested: t(.researchStatusRequested)
        case .refused: t(.researchStatusRefused, ["name": line.decidedBy ?? "", "date": line.decidedAt.map(t.date) ?? ""])
        case .released where line.expired: t(.researchStatusExpired)
        case .released:
            t(.researchStatusReleased, ["name": line.decidedBy ?? "", "until": line.downloadUntil.map(t.dateTime) ?? ""])
        }
    }

    static func tables(_ fields: [ResearchField], _ t: Localizer) -> String {
        fields.map { fieldName($0, t) }.joined(separator: ", ")
    }

    /// What a project is, the same for everyone who sees it.
    static func facts(_ project: ResearchProjects.ProjectLine, _ t: Localizer) -> Node<HTML.BodyContext> {
        .dl(
            .class("facts"),
            .dt(.txt(t(.researchPurposeField))), .dd(.txt(project.purpose)),
            .dt(.txt(t(.researchResearcherField))), .dd(.txt(project.researcher)),
            .dt(.txt(t(.researchTablesField))), .dd(.txt(tables(project.tables, t))),
            .dt(.txt(t(.researchPeriod))), .dd(.txt(t(.researchPeriodValue, ["start": t.day(project.periodStart), "end": t.day(project.periodEnd)]))),
            .dt(.txt(t(.researchDates))), .dd(.txt(project.exactDates ? t(.researchDatesDay) : t(.researchDatesMonth))),
            .dt(.txt(t(.researchEndsOnField))),
            .dd(.txt(ending(project, t)))
        )
    }

    static func ending(_ project: ResearchProjects.ProjectLine, _ t: Localizer) -> String {
        if let early = project.endedEarly { return t(.researchEndedEarly, ["date": t.date(early.at), "name": early.by]) }
        return project.ended ? t(.researchEnded, ["date": t.day(project.endsOn)]) : t.day(project.endsOn)
    }

    // MARK: Ending a project early

    /// Asks an admin to confirm that a project ends now.
    public struct EndProjectView {
        let organisationID: UUID
        let project: ResearchProjects.ProjectLine
        let chrome: Chrome

        public init(organisationID: UUID, project: ResearchProjects.ProjectLine, chrome: Chrome) {
            self.organisationID = organisationID
            self.project = project
            self.chrome = chrome
        }

        public func render() -> HTML {
            let t = chrome.t
            return Layout.page(
                title: t(.researchEndConfirmTitle, ["project": project.name]), chrome: chrome,
                content: .div(
                    facts(project, t),
                    .p(.txt(t(.researchEndConfirmText, ["name": project.researcher]))),
                    Components.postButton(
                        action: EvaluationRoute.endResearchProject(organisation: organisationID, project: project.id).url,
                        csrfToken: chrome.csrfToken, label: t(.researchEndConfirmButton), style: .danger),
                    .p(.a(.link(EvaluationRoute.research(organisation: organisationID).url), .txt(t(.cancel))))
                )
            )
        }
    }

    // MARK: The organisation's page

    public struct OrganisationModel: Sendable, Equatable {
        public let organisationID: UUID
        public let organisationName: String
        public let projects: [ResearchProjects.ProjectLine]
        /// Set for admins: the organisation's researchers to choose from.
        public let researchers: [ResearchProjects.Person]?
        public var draft = ResearchProjects.Draft()
        public var errors: [FieldError] = []
        public var notice: Notice?

        public init(organisationID: UUID, organisationName: String, projects: [ResearchProjects.ProjectLine], researchers: [ResearchProjects.Person]?) {
            self.organisationID = organisationID
            self.organisationName = organisationName
            self.projects = projects
            self.researchers = researchers
        }

        public var waiting: [(project: ResearchProjects.ProjectLine, export: ResearchProjects.ExportLine)] {
            projects.flatMap { project in project.exports.filter { $0.status == .requested }.map { (project, $0) } }
        }
    }

    public struct OrganisationView {
        let model: OrganisationModel
        let chrome: Chrome

        public init(model: OrganisationModel, chrome: Chrome) {
            self.model = model
            self.chrome = chrome
        }

        public func render() -> HTML {
            let t = chrome.t
            let waiting = model.waiting
            return Layout.page(
                title: t(.researchTitle, ["organisation": model.organisationName]), chrome: chrome, errors: model.errors,
                notices: model.notice.map { [$0] } ?? [],
                content: .div(
                    .p(.txt(t(.researchIntro))),
                    .section(
                        .h2(.txt(t(.researchWaitingHeading))),
                        waiting.isEmpty ? .p(.txt(t(.researchWaitingNone))) : .ul(.class("cards"), .forEach(waiting) { project, export in
                            .li(.class("card"),
                                .h3(.a(.link(EvaluationRoute.researchExport(organisation: model.organisationID, export: export.id).url),
                                       .txt(t(.researchExportOf, ["project": project.name])))),
                                .p(.txt(t(.researchAskedBy, ["name": export.requestedBy, "date": t.date(export.requestedAt)]))),
                                .p(.txt(tables(export.tables, t))))
                        })
                    ),
                    .section(
                        .h2(.txt(t(.researchProjectsHeading))),
                        .if(model.projects.isEmpty, .p(.txt(t(.researchProjectsNone)))),
                        .ul(.class("cards"), .forEach(model.projects) { project in
                            .li(.class("card"),
                                .h3(.txt(project.name)),
                                facts(project, t),
                                .if(!project.exports.isEmpty, .ul(.forEach(project.exports) { export in
                                    .li(.a(.link(EvaluationRoute.researchExport(organisation: model.organisationID, export: export.id).url),
                                           .txt(t(.researchAskedBy, ["name": export.requestedBy, "date": t.date(export.requestedAt)]))),
                                        .txt(" – " + status(export, t)))
                                })),
                                // Admins, who admit researchers, may end a running project early.
                                .if(model.researchers != nil && !project.ended, .p(.a(
                                    .link(EvaluationRoute.endResearchProject(organisation: model.organisationID, project: project.id).url),
                                    .txt(t(.researchEndNow, ["project": project.name]))))))
                        })
                    ),
                    .unwrap(model.researchers) { researchers in admitForm(researchers, t) }
                )
            )
        }

        private func admitForm(_ researchers: [ResearchProjects.Person], _ t: Localizer) -> Node<HTML.BodyContext> {
            guard !researchers.isEmpty else {
                return .section(.h2(.txt(t(.researchAdmitHeading))), .p(.txt(t(.researchNoResearchers))))
            }
            let error: (ResearchProjects.Problem) -> String? = { problem in model.errors.first { $0.field == problem.rawValue }?.message }
            let draft = model.draft
            return Components.disclosure(
                t(.researchAdmitHeading), open: !model.errors.isEmpty,
                .form(
                    .class("stack"), .method(.post), .safe("action", EvaluationRoute.research(organisation: model.organisationID).url.value),
                    Components.csrfField(chrome.csrfToken),
                    Components.textField(name: "name", label: t(.researchNameField), value: draft.name, error: error(.name),
                                         maxLength: ResearchProjects.longestName),
                    Components.textArea(name: "purpose", label: t(.researchPurposeField), value: draft.purpose, hint: t(.researchPurposeHint),
                                        error: error(.purpose), maxLength: ResearchProjects.longestPurpose),
                    Components.select(name: "researcher", label: t(.researchResearcherField), options: researchers.map {
                        .init(value: $0.id.uuidString, label: $0.name, isSelected: $0.id.uuidString == draft.researcher)
                    }, error: error(.researcher)),
                    Components.checkboxes(name: "fields", legend: t(.researchTablesField), options: ResearchField.allCases.map { field in
                        .init(value: field.rawValue, label: fieldName(field, t) + " – " + fieldHint(field, t), isSelected: draft.fields.contains(field.rawValue))
                    }, error: error(.fields)),
                    Components.textField(name: "period-start", label: t(.researchPeriodStartField), value: draft.periodStart, type: .date,
                                         error: error(.periodStart)),
                    Components.textField(name: "period-end", label: t(.researchPeriodEndField), value: draft.periodEnd, type: .date,
                                         error: error(.periodEnd)),
                    Components.textField(name: "ends-on", label: t(.researchEndsOnField), value: draft.endsOn, type: .date,
                                         hint: t(.researchEndsOnHint), error: error(.endsOn)),
                    Components.checkboxes(name: "exact-dates", legend: t(.researchDates), options: [
                        .init(value: "yes", label: t(.researchDatesDayApproved), isSelected: draft.exactDates),
                    ]),
                    Components.submit(t(.researchAdmit))
                ))
        }
    }

    // MARK: One export, for the person who releases it

    public struct ExportModel: Sendable, Equatable {
        public let organisationID: UUID
        public let project: ResearchProjects.ProjectLine
        public let export: ResearchProjects.ExportLine
        /// Shown while it waits: what it would hand over.
        public let summary: [ResearchProjects.TableSummary]
        /// The viewer may release or refuse it: they did not ask for it.
        public let mayDecide: Bool
        public var notice: Notice?

        public init(organisationID: UUID, project: ResearchProjects.ProjectLine, export: ResearchProjects.ExportLine,
                    summary: [ResearchProjects.TableSummary], mayDecide: Bool) {
            self.organisationID = organisationID
            self.project = project
            self.export = export
            self.summary = summary
            self.mayDecide = mayDecide
        }
    }

    public struct ExportView {
        let model: ExportModel
        let chrome: Chrome

        public init(model: ExportModel, chrome: Chrome) {
            self.model = model
            self.chrome = chrome
        }

        public func render() -> HTML {
            let t = chrome.t
            let export = model.export
            let target = EvaluationRoute.researchExport(organisation: model.organisationID, export: export.id).url
            return Layout.page(
                title: t(.researchExportOf, ["project": model.project.name]), chrome: chrome, notices: model.notice.map { [$0] } ?? [],
                content: .div(
                    .p(.a(.link(EvaluationRoute.research(organisation: model.organisationID).url), .txt(t(.researchBack)))),
                    .p(.strong(.txt(status(export, t)))),
                    .p(.txt(t(.researchAskedBy, ["name": export.requestedBy, "date": t.date(export.requestedAt)]))),
                    facts(model.project, t),
                    .h2(.txt(t(.researchSummaryHeading))),
                    .p(.txt(t(.researchSummaryIntro))),
                    Components.table(
                        caption: t(.researchSummaryHeading),
                        headers: [t(.researchTable), t(.researchColumns), t(.researchRows), t(.researchPeople), t(.researchHeldBack)],
                        rows: model.summary.map { table in
                            [.txt(fieldName(table.field, t)), .txt(table.columns.joined(separator: ", ")), .txt(t.number(table.rows)),
                             .txt(t.number(table.people)), .txt(t.number(table.heldBack))]
                        }),
                    .if(export.status == .requested, model.mayDecide
                        ? .div(
                            .class("inline-list"),
                            Components.postButton(action: target, csrfToken: chrome.csrfToken, label: t(.researchRelease), style: .primary,
                                                  hidden: [("decision", "release")]),
                            Components.postButton(action: target, csrfToken: chrome.csrfToken, label: t(.researchRefuse),
                                                  hidden: [("decision", "refuse")]))
                        : .p(.txt(t(.researchYouAsked))))
                )
            )
        }
    }

    // MARK: A researcher's own

    public struct OwnModel: Sendable, Equatable {
        public let projects: [ResearchProjects.ProjectLine]
        public var notice: Notice?
        /// The project whose request was refused as typed, and why.
        public var error: (project: UUID, message: String)?

        public init(projects: [ResearchProjects.ProjectLine]) {
            self.projects = projects
        }

        public static func == (a: OwnModel, b: OwnModel) -> Bool {
            a.projects == b.projects && a.notice == b.notice && a.error?.project == b.error?.project && a.error?.message == b.error?.message
        }
    }

    public struct OwnView {
        let model: OwnModel
        let chrome: Chrome

        public init(model: OwnModel, chrome: Chrome) {
            self.model = model
            self.chrome = chrome
        }

        public func render() -> HTML {
            let t = chrome.t
            return Layout.page(
                title: t(.researchOwnTitle), chrome: chrome,
                errors: model.error.map { [FieldError(field: "fields-\($0.project)", message: $0.message)] } ?? [],
                notices: model.notice.map { [$0] } ?? [],
                content: .div(
                    .p(.txt(t(.researchOwnIntro))),
                    .if(model.projects.isEmpty, .p(.txt(t(.researchOwnNone)))),
                    .forEach(model.projects) { project in
                        .section(
                            .class("card"),
                            .h2(.txt(project.name)),
                            .p(.txt(project.organisationName)),
                            facts(project, t),
                            .if(!project.exports.isEmpty, .group(
                                .h3(.txt(t(.researchExportsHeading))),
                                .ul(.forEach(project.exports) { export in
                                    .li(.p(.txt(t(.researchAskedOn, ["date": t.date(export.requestedAt)]) + " – " + status(export, t))),
                                        .if(export.status == .released && !export.expired && !project.ended, .ul(.forEach(export.tables) { field in
                                            .li(.a(.link(EvaluationRoute.researchTable(export: export.id, field: field).url),
                                                   .txt(t(.researchDownload, ["table": fieldName(field, t)]))))
                                        })))
                                })
                            )),
                            .if(!project.ended, requestForm(project, t))
                        )
                    }
                )
            )
        }

        private func requestForm(_ project: ResearchProjects.ProjectLine, _ t: Localizer) -> Node<HTML.BodyContext> {
            let error = model.error.flatMap { $0.project == project.id ? $0.message : nil }
            return .form(
                .class("stack"), .method(.post), .safe("action", EvaluationRoute.requestResearchExport(project: project.id).url.value),
                Components.csrfField(chrome.csrfToken),
                Components.checkboxes(name: "fields-\(project.id)", legend: t(.researchAskLegend), options: project.tables.map { field in
                    .init(value: field.rawValue, label: fieldName(field, t), isSelected: false)
                }, error: error),
                Components.submit(t(.researchAsk), style: .secondary)
            )
        }
    }
}
