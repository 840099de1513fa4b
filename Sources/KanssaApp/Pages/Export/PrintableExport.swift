import Agenda
import Encountering
import Foundation
import KanssaCore
import Plot

/// "My information" on one page to read or print: the same content as the JSON download, in
/// words, for a person who wants to keep it on paper or show it to someone.
struct PrintableExport {
    let export: PersonalDataExport
    let chrome: Chrome

    func render() -> HTML {
        let t = chrome.t
        return Layout.page(
            title: t(.printTitle), chrome: chrome,
            content: .div(
                .p(.txt(t(.printIntro, ["date": t.dateTime(export.exportedAt)]))),
                .section(
                    .h2(.txt(t(.myProfileHeading))),
                    definitions([
                        (t(.fieldDisplayName), export.account.displayName),
                        (t(.printLogin), export.account.login),
                        (t(.fieldLanguage), chrome.languages.first { $0.code == export.account.preferredLanguage }?.name
                            ?? export.account.preferredLanguage),
                        (t(.printSince), t.date(export.account.createdAt)),
                    ] + (export.account.email.map { [(t(.fieldEmail), $0)] } ?? [])),
                    .h3(.txt(t(.myMembershipsHeading))),
                    .ul(.forEach(export.memberships) { membership in
                        .li(.txt("\(membership.organisation): \(Role(rawValue: membership.role).map { RoleText.name($0, t) } ?? membership.role)"))
                    })
                ),
                .unwrap(export.plan) { plan($0) },
                .unwrap(export.encountering) { encountering($0) },
                .section(
                    .h2(.txt(t(.myTraceHeading))),
                    .if(export.accessTrace.isEmpty, .p(.txt(t(.myTraceEmpty)))),
                    .if(!export.accessTrace.isEmpty, Components.table(
                        caption: t(.myTraceCaption),
                        headers: [t(.traceWhen), t(.traceWho), t(.traceWhat), t(.traceWhy)],
                        rows: export.accessTrace.map { line in
                            [
                                .txt(t.dateTime(line.occurredAt)), .txt(line.who ?? t(.traceNobody)),
                                .txt(AuditEvent(rawValue: line.event).map {
                                    AuditText.describe($0, outcome: AuditOutcome(rawValue: line.outcome) ?? .allowed, t)
                                } ?? line.event),
                                .txt(AuditText.purpose(line.purpose, t)),
                            ]
                        }))
                )
            ))
    }

    private func definitions(_ pairs: [(String, String)]) -> Node<HTML.BodyContext> {
        .element(named: "dl", nodes: pairs.flatMap { term, value -> [Node<HTML.BodyContext>] in
            [.element(named: "dt", nodes: [.txt(term)]), .element(named: "dd", nodes: [.txt(value.isEmpty ? "–" : value)])]
        })
    }

    private func plan(_ plan: AgendaExport) -> Node<HTML.BodyContext> {
        let t = chrome.t
        return .section(
            .h2(.txt(t(.planTitle))),
            definitions([
                (t(.planWhatMatters), plan.whatMatters ?? ""), (t(.planAppreciated), plan.appreciated ?? ""),
                (t(.planImportant), plan.important ?? ""), (t(.planSupport), plan.support ?? ""),
            ]),
            .h3(.txt(t(.strengthsHeading))),
            .ul(.forEach(plan.strengths) { strength in
                .li(.txt("\(StrengthKind(rawValue: strength.kind).map { AgendaWords.strengthKind($0, t) } ?? strength.kind): \(strength.text)"))
            }),
            .h3(.txt(t(.planGoalsHeading))),
            .ul(.forEach(plan.goals) { goal in
                .li(.txt(goal.text), .txt(" — "), .txt(goalState(goal)))
            }),
            .if(!plan.actions.isEmpty, Components.table(
                caption: t(.sectionActions),
                headers: [t(.actionText), t(.actionGoal), t(.actionOwner), t(.printService), t(.actionDueField), t(.actionStatus)],
                rows: plan.actions.map { action in
                    [
                        .txt(action.text), .txt(action.goal ?? "–"), .txt(action.owner == "self" ? t(.traceYou) : action.owner),
                        .txt(action.service ?? t(.printOwnAction)), .txt(action.dueOn.map { t.day($0) } ?? "–"),
                        .txt(ActionStatus(rawValue: action.status).map { ActionWords.status($0, t) } ?? action.status),
                    ]
                })),
            .if(!plan.checkIns.isEmpty, Components.table(
                caption: t(.sectionCheckIns),
                headers: [t(.journeyDate), t(.printLifeArea), t(.journeyRating), t(.journeyWho), t(.journeyNote)],
                rows: plan.checkIns.map { checkIn in
                    [
                        .txt(t.date(checkIn.ratedAt)),
                        .txt(checkIn.lifeAreaName ?? DefaultLifeArea(rawValue: checkIn.lifeArea).map { AgendaWords.lifeArea($0, t) }
                            ?? checkIn.lifeArea),
                        .txt(t.number(checkIn.rating)), .txt(checkIn.ratedBy), .txt(checkIn.note ?? ""),
                    ]
                })),
            .h3(.txt(t(.timelineHeading))),
            .if(plan.notes.isEmpty, .p(.txt(t(.timelineEmpty)))),
            .ol(.class("timeline"), .forEach(plan.notes) { note in
                .li(.p(.class("timeline__meta"), .txt(t(.timelineMeta, ["name": note.author, "time": t.dateTime(note.writtenAt)]))),
                    .p(.class("own-words"), .txt(note.text)))
            }),
            .if(!plan.authorisations.isEmpty, Components.table(
                caption: t(.sharingTitle),
                headers: [t(.printWho), t(.printSections), t(.printPurpose), t(.printBasis), t(.printFrom), t(.expires), t(.printTakenBack)],
                rows: plan.authorisations.map { authorisation in
                    [
                        .txt(authorisation.grantee),
                        .txt(authorisation.sections.compactMap(PlanSection.init(rawValue:)).map { AgendaWords.section($0, t) }
                            .joined(separator: ", ")),
                        .txt(authorisation.purpose),
                        .txt(LegalBasis(rawValue: authorisation.legalBasis).map { AgendaWords.legalBasis($0, t) } ?? authorisation.legalBasis),
                        .txt(t.date(authorisation.createdAt)), .txt(t.date(authorisation.expiresAt)),
                        .txt(authorisation.revokedAt.map { t.date($0) } ?? "–"),
                    ]
                }))
        )
    }

    private func goalState(_ goal: AgendaExport.GoalRecord) -> String {
        let t = chrome.t
        let by = goal.suggestedBy ?? "–"
        switch GoalStatus(rawValue: goal.status) {
        case .awaitingCitizen: return t(.planSuggestionWaiting, ["name": by])
        case .declined: return t(.planSuggestionDeclined, ["name": by])
        case .achieved: return t(.planGoalAchieved)
        case .setAside: return t(.goalSetAside)
        case .active: return goal.origin == GoalOrigin.suggested.rawValue ? t(.planGoalEndorsed, ["name": by]) : t(.printOwnGoal)
        case nil: return goal.status
        }
    }

    private func encountering(_ export: EncounteringExport) -> Node<HTML.BodyContext> {
        let t = chrome.t
        return .section(
            .h2(.txt(t(.encounteringTitle))),
            .if(!export.panels.isEmpty, .ul(.forEach(export.panels) { panel in
                .li(.txt(t(.printPanelLine, ["panel": panel.panel, "name": panel.creditName, "date": t.date(panel.joinedAt)])))
            })),
            .if(!export.delivered.isEmpty, .group(
                .h3(.txt(t(.encounteringGiving))),
                .ul(.forEach(export.delivered) { line in
                    .li(.txt(t.date(line.startsAt) + " · " + line.module),
                        .unwrap(line.minutesRecognised) { .txt(" · " + t(.encounterHoursValue, ["hours": t.hours(minutes: $0)])) },
                        .unwrap(line.feeCents) { cents in .txt(" · " + t(.encounterFeeValue, ["fee": "\(t.amount(cents: cents)) \(line.currency ?? "")"])) },
                        .unwrap(line.voucher) { .txt(" · " + $0) },
                        .unwrap(line.reflection) { .p(.class("own-words"), .txt($0)) })
                })
            )),
            .if(!export.participated.isEmpty, .group(
                .h3(.txt(t(.printSessionsJoined))),
                .ul(.forEach(export.participated) { line in
                    .li(.txt(t.date(line.startsAt) + " · " + line.module),
                        .unwrap(line.heard) { .p(.class("own-words"), .txt($0)) },
                        .unwrap(line.willDo) { .p(.class("own-words"), .txt($0)) },
                        .unwrap(line.followUp) { .p(.txt($0)) })
                })
            ))
        )
    }
}
