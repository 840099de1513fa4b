import KanssaCore

/// Agenda terms in the person's language.
public enum AgendaWords {
    public static func section(_ section: PlanSection, _ t: Localizer) -> String {
        switch section {
        case .agenda: t(.sectionAgenda)
        case .strengths: t(.sectionStrengths)
        case .goals: t(.sectionGoals)
        case .actions: t(.sectionActions)
        case .checkIns: t(.sectionCheckIns)
        case .timeline: t(.sectionTimeline)
        }
    }

    public static func strengthKind(_ kind: StrengthKind, _ t: Localizer) -> String {
        switch kind {
        case .skill: t(.strengthSkill)
        case .interest: t(.strengthInterest)
        case .person: t(.strengthPerson)
        case .place: t(.strengthPlace)
        case .group: t(.strengthGroup)
        case .communityResource: t(.strengthCommunityResource)
        }
    }

    public static func lifeArea(_ area: LifeArea, _ t: Localizer) -> String {
        switch area.name {
        case .standard(let standard): lifeArea(standard, t)
        case .written(let name): name
        }
    }

    public static func lifeArea(_ area: DefaultLifeArea, _ t: Localizer) -> String {
        switch area {
        case .home: t(.lifeAreaHome)
        case .health: t(.lifeAreaHealth)
        case .workAndLearning: t(.lifeAreaWorkAndLearning)
        case .money: t(.lifeAreaMoney)
        case .familyAndFriends: t(.lifeAreaFamilyAndFriends)
        case .freeTime: t(.lifeAreaFreeTime)
        case .everydayLife: t(.lifeAreaEverydayLife)
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

    /// What a legal basis means for the person, in plain words.
    public static func legalBasisMeaning(_ basis: LegalBasis, _ t: Localizer) -> String {
        switch basis {
        case .consent: t(.legalBasisConsentMeaning)
        case .contract: t(.legalBasisContractMeaning)
        case .legalObligation: t(.legalBasisLegalObligationMeaning)
        case .vitalInterests: t(.legalBasisVitalInterestsMeaning)
        case .publicTask: t(.legalBasisPublicTaskMeaning)
        case .legitimateInterests: t(.legalBasisLegitimateInterestsMeaning)
        }
    }
}
