import Fluent
import Foundation
import KanssaCore
import Plot

/// A person's notices, newest first, and their choice of a daily e-mail about them.
enum NoticePages {
    struct Line: Equatable {
        let text: String
        let link: SafeURL
        let createdAt: Date
        let isNew: Bool
    }

    struct Model: Equatable {
        let lines: Paged<Line>
        let byEmail: Bool
        /// In `kanssa demo`, where mail is kept instead of sent.
        var hasOutbox = false
    }

    static let perPage = 20

    /// Two queries for the page and one for the names in it; what is shown is then marked seen.
    static func load(for principal: Principal, page: ListPage, t: Localizer, now: Date, on database: any Database) async throws -> Model {
        guard let account = try await Account.find(principal.accountID, on: database) else { throw KanssaError.notSignedIn }
        let notices = try await Notices.page(of: principal.accountID, page, on: database)
        let names = try await Account.displayNames(of: notices.items.compactMap(\.actorID), on: database)
        let lines = notices.map { notice in
            Line(text: NoticeText.line(notice, actor: notice.actorID.flatMap { names[$0] }, t),
                 link: SafeURL(notice.link) ?? SiteRoute.home.url, createdAt: notice.createdAt, isNew: notice.readAt == nil)
        }
        try await Notices.markRead(of: principal.accountID, at: now, on: database)
        return Model(lines: lines, byEmail: account.noticesByEmail && account.email != nil)
    }

    struct View {
        let model: Model
        let chrome: Chrome

        func render() -> HTML {
            let t = chrome.t
            return Layout.page(
                title: t(.noticesTitle), chrome: chrome,
                content: .div(
                    .if(model.lines.items.isEmpty, .p(.txt(t(.noticesNone)))),
                    .ul(.class("notice-list"), .forEach(model.lines.items) { line in
                        .li(
                            .if(line.isNew, .group(.span(.class("tag"), .txt(t(.noticesNew))), .text(" "))),
                            .a(.link(line.link), .txt(line.text)),
                            .span(.class("field__hint"), .txt(t.dateTime(line.createdAt)))
                        )
                    }),
                    Components.pagination(model.lines, t: t) { SiteRoute.notices(page: $0).url },
                    .p(.txt(t(model.byEmail ? .noticesByEmailOn : .noticesByEmailOff) + " "),
                       .a(.link(SiteRoute.noticeSettings.url), .txt(t(.noticesByEmailChange)))),
                    .if(model.hasOutbox, .p(.a(.link(SiteRoute.outbox.url), .txt(t(.noticesOutboxLink)))))
                )
            )
        }
    }
}

/// A notice in the reader's words.
enum NoticeText {
    static func line(_ notice: PersonNotice, actor: String?, _ t: Localizer) -> String {
        let someone = actor ?? t(.noticesSomeone)
        let title = notice.title ?? ""
        switch notice.kind {
        case .suggestion: return t(.noticeSuggestion, ["name": someone])
        case .note: return t(.noticeNote, ["name": someone])
        case .newReader: return t(.noticeNewReader, ["name": someone])
        case .shareEnding:
            return t(.noticeShareEnding, ["name": notice.title ?? someone, "date": notice.dueAt.map(t.date) ?? ""])
        case .sharedWithLeft:
            return t(notice.title == nil ? .noticeSharedPersonLeft : .noticeSharedTeamLeft,
                     ["name": notice.title ?? someone, "date": notice.dueAt.map(t.date) ?? ""])
        case .roundToAnswer: return t(.noticeRoundToAnswer, ["label": title, "date": notice.dueAt.map(t.date) ?? ""])
        case .sessionComing: return t(.noticeSessionComing, ["title": title, "date": notice.dueAt.map(t.dateTime) ?? ""])
        case .feedback: return t(.noticeFeedback, ["title": title])
        }
    }
}

/// Whether and where to send the daily e-mail.
enum NoticeSettings {
    struct Model: Equatable {
        var email: String
        var byEmail: Bool
        var errors: [FieldError] = []
    }

    /// The longest address mail systems take.
    static let longestAddress = 254

    /// An address a relay will take: one "@" with something either side and a dot after it, no
    /// spaces or control characters, no angle brackets (it goes between them in the envelope).
    static func address(_ typed: String) -> String? {
        let address = typed.trimmingCharacters(in: .whitespaces)
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard address.count <= longestAddress, parts.count == 2, !parts[0].isEmpty, parts[1].contains("."),
              !parts[1].hasPrefix("."), !parts[1].hasSuffix("."),
              !address.unicodeScalars.contains(where: { $0.value <= 0x20 || $0.value == 0x7F || "<>(),;:\"[]\\".unicodeScalars.contains($0) })
        else { return nil }
        return address
    }

    struct View {
        let model: Model
        let chrome: Chrome

        func render() -> HTML {
            let t = chrome.t
            return Layout.page(
                title: t(.noticeSettingsTitle), chrome: chrome, errors: model.errors,
                content: .div(
                    .p(.txt(t(.noticeSettingsIntro))),
                    .form(
                        .class("stack narrow"), .method(.post), .link(SiteRoute.noticeSettings.url, as: "action"),
                        .attribute(named: "novalidate"),
                        Components.csrfField(chrome.csrfToken),
                        Components.radios(name: "byEmail", legend: t(.noticeSettingsChoice), options: [
                            .init(value: "yes", label: t(.noticeSettingsYes), isSelected: model.byEmail),
                            .init(value: "no", label: t(.noticeSettingsNo), isSelected: !model.byEmail),
                        ], error: model.errors.message(for: "byEmail")),
                        Components.textField(
                            name: "email", label: t(.fieldEmail), value: model.email, type: .email, autocomplete: "email",
                            hint: t(.fieldEmailHint), error: model.errors.message(for: "email"), required: false,
                            maxLength: NoticeSettings.longestAddress),
                        Components.submit(t(.saveButton))
                    ),
                    .p(.a(.link(SiteRoute.notices().url), .txt(t(.noticeSettingsBack))))
                )
            )
        }
    }
}
