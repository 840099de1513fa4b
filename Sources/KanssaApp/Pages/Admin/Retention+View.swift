import KanssaCore
import Plot

extension Retention {
    struct View {
        let model: Model
        let chrome: Chrome

        func render() -> HTML {
            let t = chrome.t
            return Layout.page(
                title: t(.retentionTitle), chrome: chrome, errors: model.errors, notices: model.notice.map { [$0] } ?? [],
                content: .div(
                    .p(.txt(t(.retentionIntro, ["organisation": model.organisationName]))),
                    .form(
                        .class("stack narrow"), .method(.post), .link(SiteRoute.retention(model.organisationID).url, as: "action"),
                        .attribute(named: "novalidate"),
                        Components.csrfField(chrome.csrfToken),
                        .forEach(model.lines) { line in
                            .fieldset(
                                .class("field"),
                                .element(named: "legend", nodes: [Node<HTML.BodyContext>.txt(Self.kindName(line.kind, t))]),
                                .p(.class("field__hint"), .txt(Self.kindHint(line.kind, t))),
                                Components.textField(
                                    name: "months-\(line.kind.rawValue)", label: t(line.kind == .unusedAccounts ? .retentionUnusedMonths : .retentionMonths),
                                    value: line.months, type: .number,
                                    hint: t(line.kind == .unusedAccounts ? .retentionUnusedMonthsHint : .retentionMonthsHint), error: model.errors.message(for: "months-\(line.kind.rawValue)"),
                                    maxLength: 3),
                                Components.textField(
                                    name: "reason-\(line.kind.rawValue)", label: t(.retentionReason), value: line.reason,
                                    hint: t(.retentionReasonHint), error: model.errors.message(for: "reason-\(line.kind.rawValue)"),
                                    required: false, maxLength: 300),
                                .unwrap(line.updatedAt) { .p(.class("field__hint"), .txt(t(.retentionUpdated, ["date": t.date($0)]))) }
                            )
                        },
                        Components.submit(t(.saveButton))
                    ),
                    .p(.a(.link(SiteRoute.organisationAdmin(model.organisationID).url), .txt(t(.adminTitle, ["organisation": model.organisationName]))))
                )
            )
        }

        static func kindName(_ kind: RecordKind, _ t: Localizer) -> String {
            switch kind {
            case .caseRecords: t(.retentionCaseRecords)
            case .accessTrace: t(.retentionAccessTrace)
            case .unusedAccounts: t(.retentionUnusedAccounts)
            }
        }

        static func kindHint(_ kind: RecordKind, _ t: Localizer) -> String {
            switch kind {
            case .caseRecords: t(.retentionCaseRecordsHint)
            case .accessTrace: t(.retentionAccessTraceHint)
            case .unusedAccounts: t(.retentionUnusedAccountsHint)
            }
        }
    }
}
