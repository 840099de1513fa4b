import KanssaCore
import Plot

extension MyInformation {
    struct View {
        let model: Model
        let chrome: Chrome

        func render() -> HTML {
            let t = chrome.t
            return Layout.page(
                title: t(.myInformationTitle), chrome: chrome, errors: model.errors + model.passwordErrors,
                notices: model.notice.map { [$0] } ?? [],
                content: .div(
                    .section(
                        .h2(.txt(t(.myProfileHeading))),
                        .p(.txt(t(.myLoginIs, ["login": model.login]))),
                        .p(.txt(t(.myNameAndLanguage, [
                            "name": model.displayName,
                            "language": chrome.languages.first { $0.code == model.language }?.name ?? model.language,
                        ]))),
                        Components.disclosure(t(.myProfileChange), open: !model.errors.isEmpty, .form(
                            .class("stack narrow"), .method(.post), .link(SiteRoute.myInformation().url, as: "action"),
                            .attribute(named: "novalidate"),
                            Components.csrfField(chrome.csrfToken),
                            Components.textField(
                                name: "displayName", label: t(.fieldDisplayName), value: model.displayName,
                                autocomplete: "name", hint: t(.fieldDisplayNameHint),
                                error: model.errors.message(for: "displayName"), maxLength: 100),
                            Components.select(
                                name: "language", label: t(.fieldLanguage),
                                options: chrome.languages.map {
                                    .init(value: $0.code, label: $0.name, isSelected: $0.code == model.language)
                                },
                                error: model.errors.message(for: "language")),
                            Components.submit(t(.saveButton))
                        ))
                    ),
                    .section(
                        .id("password"),
                        .h2(.txt(t(.myPasswordHeading))),
                        .unwrap(model.passwordNotice) { Components.notice($0, focus: true) },
                        Components.disclosure(t(.myPasswordChange), open: !model.passwordErrors.isEmpty, .form(
                            .class("stack narrow"), .method(.post), .link(SiteRoute.myPassword.url, as: "action"),
                            .attribute(named: "novalidate"),
                            Components.csrfField(chrome.csrfToken),
                            Components.textField(
                                name: "currentPassword", label: t(.myPasswordCurrent), type: .password,
                                autocomplete: "current-password", error: model.passwordErrors.message(for: "currentPassword"),
                                maxLength: 128),
                            Components.textField(
                                name: "newPassword", label: t(.myPasswordNew), type: .password, autocomplete: "new-password",
                                hint: t(.fieldNewPasswordHint), error: model.passwordErrors.message(for: "newPassword"),
                                maxLength: 128),
                            .p(.class("field__hint"), .txt(t(.myPasswordOtherSessions))),
                            Components.submit(t(.myPasswordSave))
                        ))
                    ),
                    .section(
                        .id("notices"),
                        .h2(.txt(t(.myNoticesHeading))),
                        .p(.txt(model.digestAddress.map { t(.myNoticesByEmail, ["address": $0]) } ?? t(.myNoticesNotByEmail))),
                        .p(.a(.link(SiteRoute.noticeSettings.url), .txt(t(.noticesByEmailChange))))
                    ),
                    .section(
                        .h2(.txt(t(.myMembershipsHeading))),
                        .if(model.memberships.isEmpty, .p(.txt(t(.homeNoOrganisation)))),
                        .ul(.forEach(model.memberships) { membership in
                            .li(.txt("\(membership.organisationName): \(RoleText.name(membership.role, t))"))
                        })
                    ),
                    .section(
                        .h2(.txt(t(.myExportHeading))),
                        .p(.txt(t(.myExportIntro))),
                        .ul(
                            .li(.a(.link(SiteRoute.printableExport.url), .txt(t(.myExportPrintLink)))),
                            .li(.a(.link(SiteRoute.export.url), .safe("download", "kanssa-my-information.json"), .txt(t(.myExportLink))))
                        )
                    ),
                    .if(model.mayRestrictOrErase, .section(
                        .h2(.txt(t(.myDataTitle))),
                        .p(.txt(t(.myDataLinkIntro))),
                        .p(.a(.link(SiteRoute.myData.url), .txt(t(.myDataTitle))))
                    )),
                    .section(
                        .h2(.txt(t(.myTraceHeading))),
                        .p(.txt(t(.myTraceIntro))),
                        .if(model.trace.items.isEmpty, .p(.txt(t(.myTraceEmpty)))),
                        .if(!model.trace.items.isEmpty, Components.table(
                            caption: t(.myTraceCaption),
                            headers: [t(.traceWhen), t(.traceWho), t(.traceWhat), t(.traceWhy)],
                            rows: model.trace.items.map { line in
                                [
                                    .txt(t.dateTime(line.occurredAt)),
                                    .txt(line.isSelf ? t(.traceYou) : (line.actorName ?? t(.traceNobody))),
                                    .txt(TraceText.what(line, t)),
                                    .txt(AuditText.purpose(line.purpose, t)),
                                ]
                            }
                        )),
                        Components.pagination(model.trace, t: t) { SiteRoute.myInformation(page: $0).url }
                    )
                )
            )
        }
    }
}

/// Audit events in words a person understands.
enum AuditText {
    /// A purpose in words; a code this version does not know is shown as it is.
    static func purpose(_ code: String, _ t: Localizer) -> String {
        switch Purpose(rawValue: code) {
        case .security: t(.purposeSecurity)
        case .organisationAdministration: t(.purposeOrganisationAdministration)
        case .ownProfile: t(.purposeOwnProfile)
        case .ownPlan: t(.purposeOwnPlan)
        case .caseWork: t(.purposeCaseWork)
        case .enrolment: t(.purposeEnrolment)
        case .operatorCommand: t(.purposeOperatorCommand)
        case .dataProtection: t(.purposeDataProtection)
        case .learning: t(.purposeLearning)
        case .encountering: t(.purposeEncountering)
        case .listening: t(.purposeListening)
        case .evaluation: t(.purposeEvaluation)
        case .research: t(.purposeResearch)
        case nil: code
        }
    }

    static func describe(_ event: AuditEvent, outcome: AuditOutcome, _ t: Localizer) -> String {
        let text: String = switch event {
        case .signedIn: t(.auditSignedIn)
        case .signInFailed: t(.auditSignInFailed)
        case .signInThrottled: t(.auditSignInThrottled)
        case .signInCapReached: t(.auditSignInCapReached)
        case .signedOut: t(.auditSignedOut)
        case .sessionExpired: t(.auditSessionExpired)
        case .requestDenied: t(.auditRequestDenied)
        case .invitationCreated: t(.auditInvitationCreated)
        case .invitationRedeemed: t(.auditInvitationRedeemed)
        case .invitationRefused: t(.auditInvitationRefused)
        case .rolesChanged: t(.auditRolesChanged)
        case .teamsChanged: t(.auditTeamsChanged)
        case .accountDisabled: t(.auditAccountDisabled)
        case .passwordChanged: t(.auditPasswordChanged)
        case .passwordResetIssued: t(.auditPasswordResetIssued)
        case .accountCreated: t(.auditAccountCreated)
        case .teamCreated: t(.auditTeamCreated)
        case .personalDataRead: t(.auditPersonalDataRead)
        case .personalDataChanged: t(.auditPersonalDataChanged)
        case .planShared: t(.auditPlanShared)
        case .planShareRevoked: t(.auditPlanShareRevoked)
        case .personalDataExported: t(.auditPersonalDataExported)
        case .dataRequestMade: t(.auditDataRequestMade)
        case .dataRequestEnded: t(.auditDataRequestEnded)
        case .personalDataErased: t(.auditPersonalDataErased)
        case .retentionRulesChanged: t(.auditRetentionRulesChanged)
        case .lifeAreasChanged: t(.auditLifeAreasChanged)
        case .sharingReasonsChanged: t(.auditSharingReasonsChanged)
        case .aboutPageChanged: t(.auditAboutPageChanged)
        case .roundOpened: t(.auditRoundOpened)
        case .learningSetCreated: t(.auditLearningSetCreated)
        case .practiceToolAdded: t(.auditPracticeToolAdded)
        case .learningSessionCreated: t(.auditLearningSessionCreated)
        case .instrumentImported: t(.auditInstrumentImported)
        case .panelCreated: t(.auditPanelCreated)
        case .modulePublished: t(.auditModulePublished)
        case .moduleAdapted: t(.auditModuleAdapted)
        case .encounterSessionScheduled: t(.auditEncounterSessionScheduled)
        case .consultationExported: t(.auditConsultationExported)
        case .pulseScheduled: t(.auditPulseScheduled)
        case .pulseStopped: t(.auditPulseStopped)
        case .leaveReasonRecorded: t(.auditLeaveReasonRecorded)
        case .barrierRecorded: t(.auditBarrierRecorded)
        case .researchProjectAdmitted: t(.auditResearchProjectAdmitted)
        case .researchProjectEnded: t(.auditResearchProjectEnded)
        case .researchExportRequested: t(.auditResearchExportRequested)
        case .researchExportReleased: t(.auditResearchExportReleased)
        case .researchExportRefused: t(.auditResearchExportRefused)
        case .researchExportDownloaded: t(.auditResearchExportDownloaded)
        case .barrierChanged: t(.auditBarrierChanged)
        }
        return outcome == .denied ? t(.auditDenied, ["what": text]) : text
    }
}
