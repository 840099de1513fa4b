import Agenda
import Encountering
import Evaluation
import Foundation
import KanssaCore
import Learning
import Listening
import Plot

extension Home {
    struct View {
        let model: Model
        let chrome: Chrome

        func render() -> HTML {
            let t = chrome.t
            return Layout.page(
                title: t(.homeTitle, ["name": model.displayName]), chrome: chrome,
                notices: model.notice.map { [$0] } ?? [],
                content: .div(
                    .unwrap(model.afterMeeting) { Self.afterMeeting($0, t) },
                    .unwrap(model.waiting) { Self.waiting($0, t) },
                    .unwrap(model.news) { Self.news($0, t) },
                    .unwrap(model.caseload) { Self.caseload($0, t) },
                    .unwrap(model.learning) { Self.learning($0, t) },
                    .unwrap(model.encountering) { Self.encountering($0, t) },
                    .unwrap(model.evaluation) { Self.evaluation($0, t) },
                    .if(model.places.isEmpty, .p(.txt(t(.homeNoOrganisation)))),
                    .ul(.class("cards"), .forEach(model.places) { place in
                        .li(.class("card"),
                            .h2(.txt(place.organisationName)),
                            .p(.txt(t(.homeYourRoles, ["roles": place.roles.map { RoleText.name($0, t) }.joined(separator: ", ")]))),
                            .ul(.class("actions"),
                                .forEach(place.roles) { role in .li(.txt(RoleText.nextStep(role, t))) },
                                .if(place.roles.contains(.citizen) || place.roles.contains(.coTrainer), .li(.a(
                                    .link(AgendaRoute.myPlan.url), .txt(t(.nextStepCitizenPlan))))),
                                .if(place.mayAdminister, .li(.a(
                                    .link(SiteRoute.organisationAdmin(place.organisationID).url), .txt(t(.homeAdminister))))),
                                .if(place.mayInvite, .li(.a(
                                    .link(SiteRoute.newInvitation(place.organisationID).url), .txt(t(.homeInvite))))),
                                .if(place.mayInvite, .li(.a(
                                    .link(SiteRoute.passwordResets(place.organisationID).url), .txt(t(.homePasswordResets))))),
                                .if(place.maySeeTeamFigures, .li(.a(
                                    .link(AgendaRoute.teamAlignment(place.organisationID).url), .txt(t(.homeTeamAlignment))))),
                                .if(place.maySeeRounds, .li(.a(
                                    .link(LearningRoute.rounds(organisation: place.organisationID).url), .txt(t(.homeRounds))))),
                                .if(place.maySeePractice, .li(.a(
                                    .link(LearningRoute.practice(organisation: place.organisationID).url), .txt(t(.homePractice))))),
                                .if(place.mayAnswerRounds, .li(.a(.link(LearningRoute.myPractice().url), .txt(t(.homeMyPractice))))),
                                .if(place.mayManagePanels, .li(.a(
                                    .link(EncounteringRoute.panels(organisation: place.organisationID).url), .txt(t(.homePanels))))),
                                .if(place.mayRunConsultations, .li(.a(
                                    .link(ListeningRoute.consultations(organisation: place.organisationID).url), .txt(t(.homeConsultations))))),
                                .if(place.maySeeDashboard, .li(.a(
                                    .link(EvaluationRoute.dashboard(organisation: place.organisationID).url), .txt(t(.homeDashboard))))),
                                .if(place.maySeePulses, .li(.a(
                                    .link(EvaluationRoute.pulses(organisation: place.organisationID).url), .txt(t(.homePulses))))),
                                .if(place.maySeeStaffChanges, .li(.a(
                                    .link(EvaluationRoute.staffChanges(organisation: place.organisationID).url), .txt(t(.homeStaffChanges))))),
                                .if(place.maySeeCitizensVoice, .li(.a(
                                    .link(EvaluationRoute.citizensVoice(organisation: place.organisationID).url), .txt(t(.homeCitizensVoice))))),
                                .if(place.mayAnswerRounds, .li(.a(.link(EvaluationRoute.ownCitizensVoice.url), .txt(t(.homeOwnCitizensVoice))))),
                                .if(place.mayKeepBarriers, .li(.a(
                                    .link(EvaluationRoute.barriers(organisation: place.organisationID).url), .txt(t(.homeBarriers))))),
                                .if(place.maySeeResearch, .li(.a(
                                    .link(EvaluationRoute.research(organisation: place.organisationID).url), .txt(t(.homeResearch))))),
                                .if(place.maySeeSessions, .li(.a(
                                    .link(LearningRoute.sessions(organisation: place.organisationID).url), .txt(t(.homeSessions))))),
                                .if(place.mayOrganiseSets, .li(.a(
                                    .link(LearningRoute.sets(organisation: place.organisationID).url), .txt(t(.homeSets))))),
                                .if(place.mayAnswerRounds || place.mayOrganiseSets || place.roles.contains(.trainer),
                                    .li(.a(.link(LearningRoute.myRounds.url), .txt(t(.homeMyLearning)))))
                            )
                        )
                    }),
                    .if(model.mayUseResearch, .p(.a(.link(EvaluationRoute.ownResearch.url), .txt(t(.homeOwnResearch))))),
                    .p(.a(.link(SiteRoute.myInformation().url), .txt(t(.homeMyInformation))))
                )
            )
        }
    }
}

extension Home.View {
    /// What the person's own plan asks of them, each with the one link that takes them there.
    static func waiting(_ items: [WaitingForYou.Item], _ t: Localizer) -> Node<HTML.BodyContext> {
        .section(
            .class("waiting"), .attribute(named: "aria-labelledby", value: "waiting-heading"),
            .h2(.id("waiting-heading"), .txt(t(.homeWaitingHeading))),
            .if(items.isEmpty, .p(.txt(t(.homeWaitingNothing)))),
            .if(!items.isEmpty, .ul(.class("waiting__list"), .forEach(items) { item in
                let (text, url) = line(item, t)
                return .li(.a(.link(url), .txt(text)))
            }))
        )
    }

    /// What changed on the person's plan since they last came: who wrote on it, who looked.
    static func news(_ news: Home.News, _ t: Localizer) -> Node<HTML.BodyContext> {
        .section(
            .class("waiting"), .attribute(named: "aria-labelledby", value: "news-heading"),
            .h2(.id("news-heading"), .txt(t(.homeNewsHeading, ["date": t.date(news.since)]))),
            .if(news.isEmpty, .p(.txt(t(.homeNewsNothing)))),
            .if(!news.isEmpty, .ul(
                .class("waiting__list"),
                .if(news.noteCount > 0, .li(.a(.link(SafeURL(AgendaRoute.myPlan.path + "#timeline") ?? AgendaRoute.myPlan.url), .txt(t(
                    .homeNewsNotes, ["names": t.list(news.noteAuthors)], counts: ["count": news.noteCount]))))),
                .if(news.readerTotal > 0, .li(.a(.link(SiteRoute.myInformation().url), .txt(t(
                    .homeNewsReaders, ["names": t.list(news.readers)],
                    counts: ["count": news.readerTotal])))))
            ))
        )
    }

    /// What the professional's caseload asks of them: overdue and coming things to do, new and
    /// ending shares, each line linked to the plan it is about.
    static func caseload(_ model: CaseloadWaiting.Model, _ t: Localizer) -> Node<HTML.BodyContext> {
        .section(
            .class("waiting"), .attribute(named: "aria-labelledby", value: "caseload-heading"),
            .h2(.id("caseload-heading"), .txt(t(.homeCaseloadHeading))),
            .if(model.isEmpty, .p(.txt(t(.homeCaseloadNothing)))),
            few(model.overdue, heading: .homeCaseloadOverdue, t, all: AgendaRoute.caseload(order: .overdue).url) { line in
                (t(.homeCaseloadActionLine, ["name": line.ownerName, "action": line.text, "date": t.day(line.dueOn)]),
                 AgendaRoute.sharedActions(line.planID).url)
            },
            few(model.comingUp, heading: .homeCaseloadComing, t, all: AgendaRoute.caseload().url) { line in
                (t(.homeCaseloadActionLine, ["name": line.ownerName, "action": line.text, "date": t.day(line.dueOn)]),
                 AgendaRoute.sharedActions(line.planID).url)
            },
            few(model.newShares, heading: .homeCaseloadNewShares, t, all: AgendaRoute.caseload().url) { line in
                (t(.homeCaseloadNewShareLine, ["name": line.ownerName, "date": t.date(line.on)]), AgendaRoute.sharedPlan(line.planID).url)
            },
            few(model.endingSoon, heading: .homeCaseloadEnding, t, all: AgendaRoute.caseload().url) { line in
                (t(.homeCaseloadEndingLine, ["name": line.ownerName, "date": t.date(line.on)]), AgendaRoute.sharedPlan(line.planID).url)
            }
        )
    }

    /// What Learning asks of the person, each with its link.
    static func learning(_ items: [LearningWaiting.Item], _ t: Localizer) -> Node<HTML.BodyContext> {
        .section(
            .class("waiting"), .attribute(named: "aria-labelledby", value: "learning-heading"),
            .h2(.id("learning-heading"), .txt(t(.homeLearningHeading))),
            .if(items.isEmpty, .p(.txt(t(.homeLearningNothing)))),
            .if(!items.isEmpty, .ul(.class("waiting__list"), .forEach(items) { item in
                let (text, url): (String, SafeURL) = switch item {
                case .roundToAnswer(let round, let label, let closesAt, let started):
                    (t(started ? .homeLearningRoundStarted : .homeLearningRound, ["label": label, "date": t.date(closesAt)]),
                     LearningRoute.round(round).url)
                case .setMeeting(let set, let name, let startsAt):
                    (t(.homeLearningSetMeeting, ["name": name, "date": t.dateTime(startsAt)]), LearningRoute.set(set).url)
                case .roundClosing(let organisation, _, let label, let closesAt, let submitted):
                    (t(.homeLearningRoundClosing, ["label": label, "date": t.date(closesAt)], counts: ["count": submitted]),
                     LearningRoute.rounds(organisation: organisation).url)
                case .figuresReady(let organisation, let round, let label, let closedAt, let submitted):
                    (t(.homeLearningFiguresReady, ["label": label, "date": t.date(closedAt)], counts: ["count": submitted]),
                     LearningRoute.figures(organisation: organisation, round: round).url)
                case .sessionRegistered(let session, let title, let startsAt):
                    (t(.homeLearningSessionRegistered, ["title": title, "date": t.dateTime(startsAt)]), LearningRoute.session(session).url)
                case .sessionComing(let session, let title, let startsAt, let registered, let capacity?):
                    (t(.homeLearningSessionComingOf, ["title": title, "date": t.dateTime(startsAt), "capacity": t.number(capacity)],
                       counts: ["count": registered]), LearningRoute.session(session).url)
                case .sessionComing(let session, let title, let startsAt, let registered, nil):
                    (t(.homeLearningSessionComing, ["title": title, "date": t.dateTime(startsAt)], counts: ["count": registered]),
                     LearningRoute.session(session).url)
                }
                return .li(.a(.link(url), .txt(text)))
            }))
        )
    }

    /// A meeting on the citizen's plan they may say how it went: first on the page, while it is fresh.
    static func afterMeeting(_ waiting: CitizensVoice.Waiting, _ t: Localizer) -> Node<HTML.BodyContext> {
        .section(
            .class("waiting"), .attribute(named: "aria-labelledby", value: "after-meeting-heading"),
            .h2(.id("after-meeting-heading"), .txt(t(.homeVoiceHeading))),
            .p(.a(.link(EvaluationRoute.afterMeeting().url), .txt(t(.homeVoiceAsk, ["name": waiting.professionalName, "date": t.day(waiting.day)]))))
        )
    }

    /// Staff pulses of the person's teams open for them to answer, and barriers they own.
    static func evaluation(_ items: [EvaluationWaiting.Item], _ t: Localizer) -> Node<HTML.BodyContext> {
        .section(
            .class("waiting"), .attribute(named: "aria-labelledby", value: "evaluation-heading"),
            .h2(.id("evaluation-heading"), .txt(t(items.contains { if case .pulseToAnswer = $0 { false } else { true } }
                ? .homeEvaluationHeading : .homePulseHeading))),
            .ul(.class("waiting__list"), .forEach(items) { item in
                switch item {
                case .pulseToAnswer(let pulse, let label, let closesAt):
                    .li(.a(.link(EvaluationRoute.answerPulse(pulse).url), .txt(t(.homePulseToAnswer, ["label": label, "date": t.date(closesAt)]))))
                case .barrierToFollow(let organisation, let barrier, let title, let nextDue):
                    .li(.a(.link(EvaluationRoute.barrier(organisation: organisation, barrier: barrier).url),
                           .txt(nextDue.map { t(.homeBarrierDue, ["title": title, "date": t.day($0)]) } ?? t(.homeBarrierToFollow, ["title": title]))))
                case .exportToDecide(let organisation, let export, let project):
                    .li(.a(.link(EvaluationRoute.researchExport(organisation: organisation, export: export).url),
                           .txt(t(.homeExportToDecide, ["project": project]))))
                }
            })
        )
    }

    static func encountering(_ items: [EncounteringWaiting.Item], _ t: Localizer) -> Node<HTML.BodyContext> {
        .section(
            .class("waiting"), .attribute(named: "aria-labelledby", value: "encountering-heading"),
            .h2(.id("encountering-heading"), .txt(t(.homeEncounteringHeading))),
            .if(items.isEmpty, .p(.txt(t(.homeEncounteringNothing)))),
            .if(!items.isEmpty, .ul(.class("waiting__list"), .forEach(items) { item in
                let (text, session): (String, UUID) = switch item {
                case .feedback(let session, let title, let startsAt):
                    (t(.homeEncounteringFeedback, ["title": title, "date": t.date(startsAt)]), session)
                case .followUp(let session, let title, let startsAt):
                    (t(.homeEncounteringFollowUp, ["title": title, "date": t.date(startsAt)]), session)
                case .giving(let session, let title, let startsAt):
                    (t(.homeEncounteringGiving, ["title": title, "date": t.dateTime(startsAt)]), session)
                case .reflection(let session, let title, let startsAt):
                    (t(.homeEncounteringReflection, ["title": title, "date": t.date(startsAt)]), session)
                case .feedbackReady(let session, let title, let answers):
                    (t(.homeEncounteringFeedbackReady, ["title": title], counts: ["count": answers]), session)
                }
                return .li(.a(.link(EncounteringRoute.session(session).url), .txt(text)))
            }))
        )
    }

    /// A heading with the total, a few linked lines, and where the rest are.
    private static func few<Line>(
        _ few: CaseloadWaiting.Few<Line>, heading: MessageKey, _ t: Localizer, all: SafeURL?,
        line: (Line) -> (String, SafeURL)
    ) -> Node<HTML.BodyContext> {
        .if(!few.isEmpty, .group(
            .h3(.txt(t(heading, counts: ["count": few.total]))),
            .ul(.class("waiting__list"), .forEach(few.lines) { item in
                let (text, url) = line(item)
                return .li(.a(.link(url), .txt(text)))
            }),
            .if(few.total > few.lines.count, .unwrap(all) { url in
                .p(.a(.link(url), .txt(t(.homeCaseloadAll, counts: ["count": few.total]))))
            })
        ))
    }

    private static func line(_ item: WaitingForYou.Item, _ t: Localizer) -> (String, SafeURL) {
        switch item {
        case .overdue(let action, let dueOn):
            (t(.homeWaitingOverdue, ["action": action, "date": t.day(dueOn)]), AgendaRoute.actions.url)
        case .clash(let dueOn, let services):
            (t(.homeWaitingClash, ["date": t.day(dueOn), "count": t.number(services)]), AgendaRoute.actions.url)
        case .suggestion(let goal, let from?):
            (t(.homeWaitingSuggestion, ["name": from, "goal": goal]), AgendaRoute.myPlan.url)
        case .suggestion(let goal, nil):
            (t(.homeWaitingSuggestionUnnamed, ["goal": goal]), AgendaRoute.myPlan.url)
        case .dueSoon(let action, let dueOn):
            (t(.homeWaitingDueSoon, ["action": action, "date": t.day(dueOn)]), AgendaRoute.actions.url)
        case .shareEnding(_, let grantee, _, _, let day):
            (t(.homeWaitingShareEnding, ["name": grantee, "date": t.date(day)]), AgendaRoute.sharing.url)
        case .sharedWithLeft(_, let grantee, _, let isTeam, let day):
            (t(isTeam ? .homeWaitingTeamLeft : .homeWaitingPersonLeft, ["name": grantee, "date": t.date(day)]), AgendaRoute.sharing.url)
        }
    }
}

/// Roles in words, in the person's language.
enum RoleText {
    static func name(_ role: Role, _ t: Localizer) -> String {
        switch role {
        case .citizen: t(.roleCitizen)
        case .coTrainer: t(.roleCoTrainer)
        case .professional: t(.roleProfessional)
        case .coordinator: t(.roleCoordinator)
        case .trainer: t(.roleTrainer)
        case .researcher: t(.roleResearcher)
        case .admin: t(.roleAdmin)
        }
    }

    /// What this role is for, said as the next thing a person can do.
    static func nextStep(_ role: Role, _ t: Localizer) -> String {
        switch role {
        case .citizen: t(.nextStepCitizen)
        case .coTrainer: t(.nextStepCoTrainer)
        case .professional: t(.nextStepProfessional)
        case .coordinator: t(.nextStepCoordinator)
        case .trainer: t(.nextStepTrainer)
        case .researcher: t(.nextStepResearcher)
        case .admin: t(.nextStepAdmin)
        }
    }
}
