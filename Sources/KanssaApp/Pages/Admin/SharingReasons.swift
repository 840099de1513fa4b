import Agenda
import Fluent
import Foundation
import KanssaCore
import Plot

/// An organisation's administrator chooses the legal bases on which its people may be asked to
/// share their plans, and writes what each means for them; a basis left without words shows
/// Kanssa's own explanation.
enum SharingReasons {
    struct Line: Equatable {
        let basis: LegalBasis
        var offered: Bool
        var explanation: String
    }

    struct Model: Equatable {
        let organisationID: UUID
        let organisationName: String
        var lines: [Line]
        var errors: [FieldError] = []
        var notice: Notice?
    }

    static func load(organisation: Organisation, on database: any Database) async throws -> Model {
        let id = try organisation.requireID()
        let offered = Set(LegalBasis.list(organisation.legalBases))
        let written = try await LegalBasisExplanation.of([id], on: database)[id] ?? [:]
        return Model(organisationID: id, organisationName: organisation.name, lines: LegalBasis.allCases.map {
            Line(basis: $0, offered: offered.contains($0), explanation: written[$0] ?? "")
        })
    }

    enum Problem: Sendable, Equatable {
        case noneOffered
        case explanation(LegalBasis)
    }

    /// At least one basis offered; each explanation, if written, plain text within the limit.
    static func check(_ lines: [Line]) -> Result<[Line], ProblemList<Problem>> {
        var problems: [Problem] = []
        if !lines.contains(where: \.offered) { problems.append(.noneOffered) }
        let cleaned = lines.map { line in
            var line = line
            let typed = line.explanation.trimmingCharacters(in: .whitespacesAndNewlines)
            if typed.isEmpty {
                line.explanation = ""
            } else {
                if let clean = TypedText.clean(typed, maxLength: LegalBasisExplanation.longest, multiline: true) {
                    line.explanation = clean
                } else {
                    problems.append(.explanation(line.basis))
                }
            }
            return line
        }
        return problems.isEmpty ? .success(cleaned) : .failure(ProblemList(problems))
    }

    /// Saves the bases offered and the explanations: an empty one is none (Kanssa's shows).
    static func save(
        _ lines: [Line], organisation: Organisation, by accountID: UUID, at now: Date, on database: any Database
    ) async throws {
        let id = try organisation.requireID()
        try await database.transaction { database in
            organisation.legalBases = lines.filter(\.offered).map(\.basis.rawValue).joined(separator: ",")
            try await organisation.save(on: database)
            let existing = try await LegalBasisExplanation.query(on: database).filter(\.$organisationID == id).all()
            for line in lines {
                let current = existing.first { $0.basis == line.basis }
                switch (current, line.explanation.isEmpty) {
                case (let current?, true):
                    try await current.delete(on: database)
                case (let current?, false) where current.text != line.explanation:
                    current.text = line.explanation
                    current.updatedByID = accountID
                    current.updatedAt = now
                    try await current.save(on: database)
                case (nil, false):
                    try await LegalBasisExplanation(organisationID: id, basis: line.basis, text: line.explanation, updatedByID: accountID,
                                                    at: now).create(on: database)
                default:
                    continue
                }
            }
        }
    }

    struct View {
        let model: Model
        let chrome: Chrome

        func render() -> HTML {
            let t = chrome.t
            return Layout.page(
                title: t(.sharingReasonsTitle), chrome: chrome, errors: model.errors, notices: model.notice.map { [$0] } ?? [],
                content: .div(
                    .p(.txt(t(.sharingReasonsIntro, ["organisation": model.organisationName]))),
                    .form(
                        .class("stack narrow"), .method(.post), .link(SiteRoute.sharingReasons(model.organisationID).url, as: "action"),
                        .attribute(named: "novalidate"),
                        Components.csrfField(chrome.csrfToken),
                        .p(.txt(t(.sharingReasonsOfferedHint))),
                        Components.checkboxes(
                            name: "offered", legend: t(.sharingReasonsOffered),
                            options: model.lines.map {
                                .init(value: $0.basis.rawValue, label: AgendaWords.legalBasis($0.basis, t), isSelected: $0.offered)
                            },
                            error: model.errors.message(for: "offered")),
                        .forEach(model.lines) { line in
                            Components.textArea(
                                name: "explanation-\(line.basis.rawValue)",
                                label: t(.sharingReasonsExplanation, ["basis": AgendaWords.legalBasis(line.basis, t)]),
                                value: line.explanation,
                                hint: t(.sharingReasonsExplanationHint, ["default": AgendaWords.legalBasisMeaning(line.basis, t)]),
                                error: model.errors.message(for: "explanation-\(line.basis.rawValue)"), required: false,
                                maxLength: LegalBasisExplanation.longest)
                        },
                        Components.submit(t(.saveButton))
                    ),
                    .p(.a(.link(SiteRoute.organisationAdmin(model.organisationID).url),
                          .txt(t(.adminTitle, ["organisation": model.organisationName]))))
                )
            )
        }
    }
}
