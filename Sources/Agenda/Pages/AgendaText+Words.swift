import KanssaCore

/// Agenda terms in the person's language.
public enum AgendaWords {
    public static func section(_ section: PlanSection, _ t: Localizer) -> String {
        switch section {
        case .agenda: t(.sectionAgenda)
        case .goals: t(.sectionGoals)
        }
    }

    public static func legalBasis(_ basis: LegalBasis, _ t: Localizer) -> String {
        switch basis {
        case .consent: t(.legalBasisConsent)
        case .contract: t(.legalBasisContract)
        case .legalObligation: t(.legalBasisLegalObligation)
        case .vitalInterests: t(.legalBasisVitalInterests)
        case .publicTask: t(.legalBasisPublicTask)
        case .legitimateInterests: t(.legalBasisLegitimateInterests)
        }
    }
}
