import Agenda
import Encountering
import Fluent
import Foundation
import KanssaCore
import Learning

/// The notices of what each module finds waiting for a person — a share ending, a round to
/// answer, a session coming, feedback to give — and of someone new who looked at their
/// information. Raised when the person's home page finds them, and before a digest is written
/// for someone who has not been in; what others do to a person's plan is raised where it is done.
enum WaitingNotices {
    static func drafts(
        for accountID: UUID, plan: [WaitingForYou.Item]?, readerIDs: [UUID], learning: [LearningWaiting.Item]?,
        encountering: [EncounteringWaiting.Item]?
    ) -> [Notices.Draft] {
        func draft(_ kind: NoticeKind, _ about: String, actor: UUID? = nil, title: String? = nil, due: Date? = nil, _ link: String) -> Notices.Draft {
            Notices.Draft(accountID: accountID, kind: kind, about: about, actorID: actor, title: title, dueAt: due, link: link)
        }
        var drafts: [Notices.Draft] = readerIDs.map { draft(.newReader, $0.uuidString, actor: $0, SiteRoute.myInformation().path) }
        for item in plan ?? [] {
            switch item {
            case .shareEnding(let share, let grantee, let person, let isTeam, let on):
                drafts.append(draft(.shareEnding, share.uuidString, actor: person, title: isTeam ? grantee : nil, due: on, AgendaRoute.sharing.path))
            case .sharedWithLeft(let share, let grantee, let person, let isTeam, let on):
                drafts.append(draft(.sharedWithLeft, share.uuidString, actor: person, title: isTeam ? grantee : nil, due: on,
                                    AgendaRoute.sharing.path))
            case .overdue, .clash, .suggestion, .dueSoon:
                continue
            }
        }
        for item in learning ?? [] {
            switch item {
            case .roundToAnswer(let round, let label, let closesAt, _):
                drafts.append(draft(.roundToAnswer, round.uuidString, title: label, due: closesAt, LearningRoute.round(round).path))
            case .setMeeting(let set, let name, let startsAt):
                // Each meeting of a set is its own notice.
                drafts.append(draft(.sessionComing, "set:\(set):\(Int(startsAt.timeIntervalSince1970))", title: name, due: startsAt,
                                    LearningRoute.set(set).path))
            case .sessionRegistered(let session, let title, let startsAt):
                drafts.append(draft(.sessionComing, "learning:\(session)", title: title, due: startsAt, LearningRoute.session(session).path))
            case .roundClosing, .figuresReady, .sessionComing:
                // What those who run rounds and sessions watch stays on their home page.
                continue
            }
        }
        for item in encountering ?? [] {
            switch item {
            case .feedback(let session, let title, let startsAt):
                drafts.append(draft(.feedback, "feedback:\(session)", title: title, due: startsAt, EncounteringRoute.session(session).path))
            case .followUp(let session, let title, let startsAt):
                drafts.append(draft(.feedback, "follow-up:\(session)", title: title, due: startsAt, EncounteringRoute.session(session).path))
            case .reflection(let session, let title, let startsAt):
                drafts.append(draft(.feedback, "reflection:\(session)", title: title, due: startsAt, EncounteringRoute.session(session).path))
            case .giving(let session, let title, let startsAt):
                drafts.append(draft(.sessionComing, "giving:\(session)", title: title, due: startsAt, EncounteringRoute.session(session).path))
            case .feedbackReady:
                continue
            }
        }
        return drafts
    }

    /// What the home page found waiting becomes notices (for a later digest); being there, the
    /// person has seen them all. One read, and a write only when something is new or unseen.
    static func seenOnHome(_ home: Home.Model, of accountID: UUID, unread: Int, at now: Date, on database: any Database) async throws {
        let raised = try await Notices.raise(drafts(
            for: accountID, plan: home.waiting, readerIDs: home.news?.readerIDs ?? [], learning: home.learning,
            encountering: home.encountering), at: now, on: database)
        if raised > 0 || unread > 0 {
            try await Notices.markRead(of: accountID, at: now, on: database)
        }
    }

    /// Everything waiting for someone who is not on their home page: what it would show them.
    static func find(
        for principal: Principal, readersSince: Date, platform: Platform, now: Date, on database: any Database
    ) async throws -> [Notices.Draft] {
        let plan = try await Home.waiting(for: principal, platform: platform, now: now, on: database)
        let readers = Policy.decide(.useOwnPlan, for: principal).isAllowed
            ? try await AuditLog.readers(of: principal.accountID, since: readersSince, limit: Home.shownReaders, on: database).actorIDs : []
        let learning = LearningWaiting.concerns(principal) ? try await LearningWaiting.items(for: principal, now: now, on: database) : nil
        let encountering = try await EncounteringWaiting.items(for: principal, now: now, on: database)
        return drafts(for: principal.accountID, plan: plan, readerIDs: readers, learning: learning, encountering: encountering)
    }
}
