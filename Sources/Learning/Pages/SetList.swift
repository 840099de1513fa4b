import Fluent
import Foundation
import KanssaCore
@preconcurrency import Plot

/// A coordinator's action-learning sets: facilitator, members, meetings, attendance and counts —
/// never what was said — and the form to set one up.
public enum SetList {
    public struct Line: Sendable, Equatable {
        public let id: UUID
        public let name: String
        public let facilitator: String
        public let memberNames: [String]
        public let memberIDs: Set<UUID>
        public let facilitatorID: UUID
        public let counts: SetCounts
    }

    public struct MembersError: Sendable, Equatable {
        public let set: UUID
        public let message: String

        public init(set: UUID, message: String) {
            self.set = set
            self.message = message
        }
    }

    public struct Model: Sendable, Equatable {
        public let organisationID: UUID
        public let organisationName: String
        public let lines: [Line]
        public let candidates: [ActionLearningSets.Candidate]
        public var draft: [String: String] = [:]
        public var draftMembers: Set<String> = []
        /// The set whose change of members was refused, to show its form open with the message.
        public var membersError: MembersError?

        public var errors: [FieldError] = []
        public var notice: Notice?
    }

    public static func load(organisation: Organisation, now: Date, on database: any Database) async throws -> Model {
        let organisationID = try organisation.requireID()
        let sets = try await LearningSet.query(on: database).filter(\.$organisationID == organisationID)
            .sort(\.$createdAt, .descending).all()
        let setIDs = sets.compactMap(\.id)
        let counts = try await SetCounts.of(setIDs, now: now, on: database)
        let members = try await SetMember.query(on: database).filter(\.$setID ~~ setIDs).filter(\.$leftAt == nil).all()
        let names = try await Account.displayNames(of: members.map(\.accountID) + sets.map(\.facilitatorID), on: database)
        let candidates = try await ActionLearningSets.candidates(in: organisationID, on: database)
        return Model(
            organisationID: organisationID, organisationName: organisation.name,
            lines: sets.compactMap { set in
                guard let id = set.id else { return nil }
                return Line(
                    id: id, name: set.name, facilitator: names[set.facilitatorID] ?? "",
                    memberNames: members.filter { $0.setID == id }.compactMap { names[$0.accountID] }.sorted(),
                    memberIDs: Set(members.filter { $0.setID == id }.map(\.accountID)), facilitatorID: set.facilitatorID,
                    counts: counts[id] ?? SetCounts())
            },
            candidates: candidates)
    }

    public struct View {
        let model: Model
        let chrome: Chrome

        public init(model: Model, chrome: Chrome) {
            self.model = model
            self.chrome = chrome
        }

        public func render() -> HTML {
            let t = chrome.t
            return Layout.page(
                title: t(.setsTitle, ["organisation": model.organisationName]), chrome: chrome, errors: model.errors,
                notices: model.notice.map { [$0] } ?? [],
                content: .div(
                    .p(.txt(t(.setsIntro))),
                    .if(model.lines.isEmpty, .p(.txt(t(.setsNone)))),
                    .ul(.class("cards"), .forEach(model.lines) { line in
                        .li(
                            .class("card"),
                            .h2(.txt(line.name)),
                            .p(.txt(t(.setFacilitatedBy, ["name": line.facilitator]))),
                            .p(.txt(t(.setMembersList, ["names": line.memberNames.joined(separator: ", ")]))),
                            .element(named: "dl", nodes: [
                                .class("facts"),
                                fact(t(.setMeetingsFact), t(.setMeetingsHeld, [
                                    "held": t.number(line.counts.meetingsHeld), "planned": t.number(line.counts.meetings)])),
                                fact(t(.setAttendanceFact), line.counts.meetingsRecorded == 0 ? t(.setAttendanceNone) : t(.setAttendanceFigure, [
                                    "present": t.number(line.counts.present), "places": t.number(line.counts.places),
                                    "meetings": t.number(line.counts.meetingsRecorded)])),
                                fact(t(.setChallengesFact), t.number(line.counts.challenges)),
                                fact(t(.setCommitmentsFact), t(.setCommitmentsFigure, [
                                    "made": t.number(line.counts.commitments), "reported": t.number(line.counts.reportedBack)])),
                            ]),
                            membersForm(line)
                        )
                    }),
                    form
                )
            )
        }

        /// Who is in the set, changed: folded away unless a change was just refused.
        private func membersForm(_ line: Line) -> Node<HTML.BodyContext> {
            let t = chrome.t
            let error = model.membersError.flatMap { $0.set == line.id ? $0.message : nil }
            let field = "members-\(line.id)"
            return .element(named: "details", nodes: [
                .flag("open", error != nil),
                .element(named: "summary", nodes: [.txt(t(.setChangeMembers))]),
                .form(
                    .class("stack"), .method(.post), .link(LearningRoute.setMembers(organisation: model.organisationID, set: line.id).url, as: "action"),
                    Components.csrfField(chrome.csrfToken),
                    Components.checkboxes(
                        name: field, legend: t(.setMembersLegend),
                        options: model.candidates.filter { $0.mayBeMember && $0.id != line.facilitatorID }.map {
                            .init(value: $0.id.uuidString, label: $0.name, isSelected: line.memberIDs.contains($0.id))
                        },
                        error: error),
                    .p(.class("field__hint"), .txt(t(.setChangeMembersHint))),
                    Components.submit(t(.setSaveMembers), style: .secondary)
                ),
            ])
        }

        private func fact(_ term: String, _ value: String) -> Node<HTML.BodyContext> {
            .group(.element(named: "dt", nodes: [.txt(term)]), .element(named: "dd", nodes: [.txt(value)]))
        }

        private var form: Node<HTML.BodyContext> {
            let t = chrome.t
            let draft = model.draft
            let errors = model.errors
            return .section(
                .h2(.txt(t(.setCreateHeading))),
                .p(.txt(t(.setCreateIntro))),
                .form(
                    .class("stack narrow"), .method(.post), .link(LearningRoute.sets(organisation: model.organisationID).url, as: "action"),
                    .attribute(named: "novalidate"),
                    Components.csrfField(chrome.csrfToken),
                    Components.textField(name: "name", label: t(.setName), value: draft["name"] ?? "", hint: t(.setNameHint),
                                         error: errors.message(for: "name"), maxLength: 100),
                    Components.select(
                        name: "facilitator", label: t(.setFacilitator),
                        options: [.init(value: "", label: t(.setChooseFacilitator), isSelected: (draft["facilitator"] ?? "").isEmpty)]
                            + model.candidates.map { .init(value: $0.id.uuidString, label: $0.name, isSelected: draft["facilitator"] == $0.id.uuidString) },
                        error: errors.message(for: "facilitator")),
                    Components.checkboxes(
                        name: "members", legend: t(.setMembersLegend),
                        options: model.candidates.filter(\.mayBeMember).map {
                            .init(value: $0.id.uuidString, label: $0.name, isSelected: model.draftMembers.contains($0.id.uuidString))
                        },
                        error: errors.message(for: "members")),
                    Components.textField(name: "first", label: t(.setFirstMeeting), value: draft["first"] ?? "", type: .date,
                                         error: errors.message(for: "first"), maxLength: 10),
                    Components.textField(name: "time", label: t(.setMeetingTime), value: draft["time"] ?? "", type: .time,
                                         hint: t(.setMeetingTimeHint), error: errors.message(for: "time"), maxLength: 5),
                    Components.textField(name: "weeks", label: t(.setWeeksApart), value: draft["weeks"] ?? "4", type: .number,
                                         hint: t(.setWeeksApartHint), error: errors.message(for: "weeks"), maxLength: 1),
                    Components.textField(name: "count", label: t(.setMeetingCount), value: draft["count"] ?? "6", type: .number,
                                         hint: t(.setMeetingCountHint), error: errors.message(for: "count"), maxLength: 2),
                    Components.textField(name: "place", label: t(.setPlace), value: draft["place"] ?? "", hint: t(.setPlaceHint),
                                         error: errors.message(for: "place")),
                    Components.submit(t(.setCreate))
                )
            )
        }
    }
}
