import Agenda
import KanssaCore

/// Which part of a person's information a trace entry is about, in their words: "your plan: your
/// goals, actions", "your name and roles, in the organisation's member list". Read from the
/// entry's target; a target this version does not know names no part.
enum TraceText {
    static func part(_ target: String, _ t: Localizer) -> String? {
        let base = target.hasSuffix(OwnerPresence.traceSuffix) ? String(target.dropLast(OwnerPresence.traceSuffix.count)) : target
        switch base {
        case "caseload": return t(.tracePartCaseload)
        case "home": return t(.tracePartHome)
        // Named by the event itself (see `what`).
        case "member-list", "membership": return nil
        case "profile": return t(.tracePartProfile)
        case "password": return t(.tracePartPassword)
        case "language": return t(.tracePartLanguage)
        case "export.json": return t(.tracePartExport)
        case "certificate-check": return t(.tracePartCertificateCheck)
        case "plan:action": return t(.tracePartAction)
        case "plan:note": return t(.tracePartNote)
        case "plan:check-in": return t(.tracePartCheckIn)
        case "plan:suggestion": return t(.tracePartSuggestion)
        case "plan:agenda": return t(.tracePartAgenda)
        case "plan:goal-tension", "plan:goal-tension-removed": return t(.tracePartTension)
        default: break
        }
        if base.hasPrefix("plan:") {
            let sections = PlanSection.allCases.filter(PlanSection.set(String(base.dropFirst("plan:".count))).contains)
            guard !sections.isEmpty else { return nil }
            return t(.tracePartPlan, ["sections": t.list(sections.map { section($0, t) })])
        }
        if base.hasPrefix("coaching:") { return t(.tracePartCoaching) }
        if base.hasPrefix("authorisation:") || base.hasPrefix("team:") || base.hasPrefix("person:") { return t(.tracePartSharing) }
        return nil
    }

    /// A part of the plan, as the trace names it: short, lower-case, "your".
    static func section(_ section: PlanSection, _ t: Localizer) -> String {
        switch section {
        case .agenda: t(.traceSectionAgenda)
        case .strengths: t(.traceSectionStrengths)
        case .goals: t(.traceSectionGoals)
        case .actions: t(.traceSectionActions)
        case .checkIns: t(.traceSectionCheckIns)
        case .timeline: t(.traceSectionTimeline)
        }
    }

    /// What happened and to which part: "Looked at your information: your plan (goals)".
    static func what(_ line: MyInformation.Model.TraceLine, _ t: Localizer) -> String {
        // What staff do to an account is named as that, not as reading the person's plan.
        let described: String = switch (line.event, line.target) {
        case (.personalDataRead, "membership"): t(.traceAdminOpened)
        case (.personalDataRead, "member-list"): t(.traceAdminListed)
        default: AuditText.describe(line.event, outcome: line.outcome, t)
        }
        let withPart = TraceText.part(line.target, t).map { t(.traceWhatPart, ["what": described, "part": $0]) } ?? described
        return line.count > 1 ? t(.traceRepeated, ["what": withPart, "first": t.dateTime(line.firstAt)], counts: ["count": line.count])
            : withPart
    }
}
