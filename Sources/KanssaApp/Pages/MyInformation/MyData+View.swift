import KanssaCore
import Plot

extension MyData {
    struct View {
        let model: Model
        let chrome: Chrome

        func render() -> HTML {
            let t = chrome.t
            return Layout.page(
                title: t(.myDataTitle), chrome: chrome, errors: model.errors, notices: model.notice.map { [$0] } ?? [],
                content: .div(
                    restriction,
                    erasure,
                    unused,
                    .p(.a(.link(SiteRoute.myInformation().url), .txt(t(.myInformationTitle))))
                )
            )
        }

        private var restriction: Node<HTML.BodyContext> {
            let t = chrome.t
            return .section(
                .h2(.txt(t(.myDataRestrictHeading))),
                .if(model.erasureRequestedAt != nil, .p(.txt(t(.myDataRestrictedForErasure)))),
                .if(model.erasureRequestedAt == nil, .unwrap(model.restrictedSince, { since in
                    .group(
                        .p(.txt(t(.myDataRestrictedSince, ["date": t.date(since)]))),
                        Components.postButton(action: SiteRoute.liftRestriction.url, csrfToken: chrome.csrfToken, label: t(.myDataLift))
                    )
                }, else: .group(
                    .p(.txt(t(.myDataRestrictIntro))),
                    Components.postButton(action: SiteRoute.restriction.url, csrfToken: chrome.csrfToken, label: t(.myDataRestrict))
                )))
            )
        }

        /// The organisations' rule on accounts nobody uses, when one applies to this account.
        private var unused: Node<HTML.BodyContext> {
            let t = chrome.t
            return .unwrap(model.unusedMonths) { months in
                .section(
                    .h2(.txt(t(.myDataUnusedHeading))),
                    .p(.txt(t(.myDataUnusedRule, ["months": t.number(months)]))),
                    .ul(.forEach(model.unusedReasons) { rule in
                        .li(.txt(t(.myDataUnusedReason, ["organisation": rule.organisationName, "reason": rule.reason])))
                    })
                )
            }
        }

        private var erasure: Node<HTML.BodyContext> {
            let t = chrome.t
            return .section(
                .h2(.txt(t(.myDataEraseHeading))),
                .unwrap(model.erasureRequestedAt, { requested in
                    .group(
                        .p(.txt(t(.myDataErasureRequested, ["date": t.date(requested)]))),
                        Components.postButton(action: SiteRoute.withdrawErasure.url, csrfToken: chrome.csrfToken, label: t(.myDataWithdraw))
                    )
                }, else: .group(
                    .p(.txt(t(.myDataEraseIntro))),
                    .p(.a(.link(SiteRoute.printableExport.url), .txt(t(.myDataExportFirst)))),
                    .h3(.txt(t(.myDataKeptHeading))),
                    .if(model.kept.isEmpty, .p(.txt(t(.myDataNothingKept)))),
                    .if(!model.kept.isEmpty, .group(
                        .ul(.forEach(model.kept) { kept in
                            let key: MessageKey = kept.kind == .accessTrace ? .myDataKeptAccessTrace : .myDataKeptCaseRecords
                            return .li(.txt(t(key, [
                                "organisation": kept.organisationName, "months": t.number(kept.months), "reason": kept.reason,
                            ])))
                        }),
                        .p(.txt(t(.myDataKeptMeanwhile)))
                    )),
                    .form(
                        .class("stack narrow"), .method(.post), .link(SiteRoute.erasure.url, as: "action"),
                        .attribute(named: "novalidate"),
                        Components.csrfField(chrome.csrfToken),
                        Components.checkboxes(
                            name: "understood", legend: t(.myDataConfirmLegend),
                            options: [.init(value: "yes", label: t(.myDataConfirm), isSelected: false)],
                            error: model.errors.message(for: "understood")),
                        Components.submit(t(.myDataErase), style: .danger)
                    )
                ))
            )
        }
    }
}
