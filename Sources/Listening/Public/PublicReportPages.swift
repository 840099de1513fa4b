import Foundation
import KanssaCore
import Plot

/// The public "You said, we did" pages: one consultation's report, and an organisation's index
/// of them. Pages for anyone: they work without script and print as they read.
public enum PublicReportPages {
    public struct ReportView {
        let model: PublicReport.Model
        let chrome: Chrome
        /// The sections as rendered before in this language, when the page was kept.
        let rendered: RenderedHTML?

        public init(model: PublicReport.Model, chrome: Chrome, rendered: RenderedHTML? = nil) {
            self.model = model
            self.chrome = chrome
            self.rendered = rendered
        }

        public func render() -> HTML {
            let t = chrome.t
            return Layout.page(title: t(.publicReportTitle, ["title": model.title]), chrome: chrome, content: .div(
                .p(.class("screen-only"), .a(.link(ListeningRoute.publicIndex(organisation: model.organisationID).url),
                                             .txt(t(.publicReportAll, ["organisation": model.organisationName])))),
                .p(.txt(t(.publicReportDays, ["organisation": model.organisationName, "opens": t.day(model.opensOn), "closes": t.day(model.closesOn)]))),
                .if(model.state == .open, .p(.class("screen-only"), .a(.link(ListeningRoute.respond(model.code).url), .txt(t(.publicReportAnswer))))),
                rendered.map { .rendered($0) } ?? sections
            ))
        }

        /// What was asked and why, who took part, what was heard, believed and decided: also the
        /// body of the team's printable report.
        public var sections: Node<HTML.BodyContext> {
            let t = chrome.t
            return .group(
                .section(
                    .h2(.txt(t(.publicReportAskedHeading))),
                    .p(.class("own-words"), .safe("lang", model.language), .txt(model.purpose)),
                    .p(.txt(t(.publicReportWhom) + " "), .span(.safe("lang", model.language), .txt(model.audience)))),
                took,
                heard,
                believed,
                decided)
        }

        private var took: Node<HTML.BodyContext> {
            let t = chrome.t
            return .section(
                .h2(.txt(t(.publicReportTookHeading))),
                .p(.txt(model.respondents.map { t(.publicReportTook, counts: ["count": $0]) } ?? t(.publicReportTookFew))),
                .if(!model.channels.isEmpty, Components.table(
                    caption: t(.publicReportChannelsCaption), headers: [t(.publicReportChannel), t(.publicReportPeople)],
                    rows: model.channels.map { [.txt(ListeningWords.channel($0.channel, t)), .txt($0.count.map { t.number($0) } ?? t(.publicReportHeldBack))] })),
                .if(model.channels.contains { $0.count == nil }, .p(.class("field__hint"), .txt(t(.publicReportHeldBackNote))))
            )
        }

        private var heard: Node<HTML.BodyContext> {
            let t = chrome.t
            return .section(
                .h2(.txt(t(.publicReportHeardHeading))),
                .if(model.themes.isEmpty, .p(.txt(t(.publicReportHeardNone)))),
                .forEach(model.themes) { theme in
                    .div(
                        .h3(.safe("lang", model.language), .txt(theme.path)),
                        .if(!theme.description.isEmpty, .p(.safe("lang", model.language), .txt(theme.description))),
                        .p(.txt(theme.answers.map { t(.publicReportThemeAnswers, counts: ["count": $0]) } ?? t(.publicReportThemeFew))),
                        .forEach(theme.quotes) { quote in
                            .blockquote(.class("own-words"), .if(!quote.language.isEmpty, .safe("lang", quote.language)), .p(.txt(quote.text)))
                        })
                }
            )
        }

        private var believed: Node<HTML.BodyContext> {
            let t = chrome.t
            return .section(
                .h2(.txt(t(.publicReportBelievedHeading))),
                .p(.txt(t(.publicReportBelievedIntro))),
                .ul(.class("cards"), .forEach(model.beliefs) { belief in
                    .li(.class("card"),
                        .p(.class("own-words"), .safe("lang", model.language), .strong(.txt(belief.statement))),
                        .p(.txt(t(.ledgerHeldBy, ["who": belief.heldBy, "confidence": t.number(belief.confidence)]))),
                        .if(belief.addedAfterOpening, .p(.span(.class("tag tag--warning"), .txt(t(.ledgerAddedAfterOpening))))),
                        .p(.strong(.txt(belief.verdict.map { t(.publicReportVerdict, ["verdict": ListeningWords.verdict($0, t)]) }
                                        ?? t(.publicReportNoVerdict)))),
                        .unwrap(belief.reasoning) { .p(.class("own-words"), .safe("lang", model.language), .txt($0)) })
                })
            )
        }

        private var decided: Node<HTML.BodyContext> {
            let t = chrome.t
            return .section(
                .h2(.txt(t(.publicReportDecidedHeading))),
                .if(model.outcomes.isEmpty, .p(.txt(t(.publicReportDecidedNone)))),
                .forEach(model.outcomes) { outcome in
                    .div(.class("card"),
                         .h3(.txt(ListeningWords.decision(outcome.kind, t) + ": "), .span(.safe("lang", model.language), .txt(outcome.subject))),
                         .p(.class("own-words"), .safe("lang", model.language), .txt(outcome.reason)),
                         .p(.span(.class("tag"), .txt(ListeningWords.status(outcome.status, t))), .text(" "),
                            .txt(t(.publicReportDue, ["date": t.day(outcome.dueOn)]))),
                         .if(!outcome.steps.isEmpty, .ol(.forEach(outcome.steps) { step in
                             .li(.txt(t.date(step.at) + ": " + ListeningWords.status(step.status, t) + (step.note.isEmpty ? "" : " — ")),
                                 .if(!step.note.isEmpty, .span(.safe("lang", model.language), .txt(step.note))))
                         })))
                }
            )
        }
    }

    public struct IndexView {
        let model: PublicReport.Index
        let chrome: Chrome

        public init(model: PublicReport.Index, chrome: Chrome) {
            self.model = model
            self.chrome = chrome
        }

        public func render() -> HTML {
            let t = chrome.t
            let url = ListeningRoute.publicIndex(organisation: model.organisationID)
            return Layout.page(title: t(.publicIndexTitle, ["organisation": model.organisationName]), chrome: chrome, content: .div(
                .p(.txt(t(.publicIndexIntro))),
                .if(model.consultations.items.isEmpty, .p(.txt(t(.publicIndexNone)))),
                .ul(.class("cards"), .forEach(model.consultations.items) { item in
                    .li(.class("card"),
                        .h2(.a(.link(ListeningRoute.publicReport(item.code).url), .safe("lang", item.language), .txt(item.title))),
                        .p(.span(.class("tag"), .txt(ListeningWords.state(item.state, t))), .text(" "),
                           .txt(t(.publicIndexDays, ["opens": t.day(item.opensOn), "closes": t.day(item.closesOn)]))))
                }),
                Components.pagination(model.consultations, t: t) { number in SafeURL(url.path + "?page=\(number)") ?? url.url },
                .section(
                    .h2(.txt(t(.publicIndexStoppedHeading))),
                    .if(model.stopped.isEmpty, .p(.txt(t(.stoppedNone)))),
                    .ul(.class("cards"), .forEach(model.stopped) { item in
                        .li(.class("card"),
                            .h3(.safe("lang", item.language), .txt(item.subject)),
                            .p(.class("own-words"), .safe("lang", item.language), .txt(item.reason)),
                            .p(.span(.class("tag"), .txt(ListeningWords.status(item.status, t))), .text(" "),
                               .txt(t(.stoppedFrom, ["title": item.consultation]))))
                    }))
            ))
        }
    }
}
