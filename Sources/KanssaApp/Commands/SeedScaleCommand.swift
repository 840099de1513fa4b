import Fluent
import KanssaCore
import Vapor

/// `kanssa seed-scale --citizens N`: fills an empty database with realistic volumes for
/// measuring (see `scripts/benchmark.sh`). Refuses a database that holds anything already.
struct SeedScaleCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "citizens", help: "How many citizens, each with a plan (default 100000).")
        var citizens: Int?

        @Option(name: "organisations", help: "How many organisations (default: one per 2,000 citizens, at least 1).")
        var organisations: Int?

        @Option(name: "professionals", help: "How many professionals (default: one per 20 citizens, at least one per team).")
        var professionals: Int?

        @Option(name: "round-answers", help: "How many people answered each of two self-assessment rounds of one organisation (default 10000; 0 for none).")
        var roundAnswers: Int?

        @Option(name: "pulse-answers", help: "How many answers to a fortnightly staff pulse of that organisation over two years (default 1000000; 0 for none).")
        var pulseAnswers: Int?

        @Option(name: "respondents", help: "How many people answered a consultation, four answers each (default 2500: 10,000 answers; 0 for none).")
        var respondents: Int?

        init() {}
    }

    var help: String { "Fills an empty database with generated organisations, professionals and citizens' plans for benchmarks." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let citizens = signature.citizens ?? 100_000
        let organisations = signature.organisations ?? max(1, citizens / 2000)
        let professionals = signature.professionals ?? max(organisations * ScaleData.teamsPerOrganisation, citizens / 20)
        guard citizens > 0, organisations > 0, professionals >= organisations * ScaleData.teamsPerOrganisation else {
            throw Kanssa.StartError(message: "seed-scale needs at least one citizen and one organisation, and one professional per team (5 per organisation).")
        }
        try await app.autoMigrate()
        guard try await Account.query(on: app.db).count() == 0 else {
            throw Kanssa.StartError(message: "The database is not empty. seed-scale fills only an empty database; point KANSSA_DATA_DIR or DATABASE_URL at a new one.")
        }
        let started = Date()
        let hash = try Bcrypt.hash(ScaleData.password, cost: app.platform.config.passwordCost)
        let data = ScaleData(citizens: citizens, organisations: organisations, professionals: professionals)
        try await data.load(on: app.db, at: app.platform.dependencies.now(), passwordHash: hash) { done in
            if done % 10_000 == 0 || done == citizens {
                context.console.print("  \(done) of \(citizens) citizens (\(Int(Date().timeIntervalSince(started))) s)")
            }
        }
        let roundAnswers = signature.roundAnswers ?? 10_000
        if roundAnswers > 0, let instrument = app.platform.instruments["co-creation-mindset"] {
            let rounds = try await RoundScaleData(answers: roundAnswers).load(
                instrument: instrument, on: app.db, at: app.platform.dependencies.now(), passwordHash: hash)
            context.console.print("""
                Added two self-assessment rounds answered by \(roundAnswers) people each. \
                Figures: /organisations/…/rounds/\(rounds.after)/figures?compare=\(rounds.before) as \(RoundScaleData.coordinatorLogin).
                """)
        }
        let pulseAnswers = signature.pulseAnswers ?? 1_000_000
        if roundAnswers > 0, pulseAnswers > 0 {
            try await PulseScaleData(answers: pulseAnswers).load(instrument: app.platform.staffPulse, on: app.db, at: app.platform.dependencies.now())
            context.console.print("""
                Added a fortnightly staff pulse of two years answered \(pulseAnswers) times. \
                Dashboard: /organisations/…/dashboard as \(RoundScaleData.coordinatorLogin).
                """)
        }
        let respondents = signature.respondents ?? 2_500
        if respondents > 0 {
            let loaded = try await ConsultationScaleData(respondents: respondents).load(
                on: app.db, at: app.platform.dependencies.now(), passwordHash: hash)
            context.console.print("""
                Added a consultation answered by \(respondents) people: \(loaded.answers) answers, \(loaded.codings) codings. \
                Public page: \(ConsultationScaleData.code.path); the team's: /listening/consultations/\(loaded.consultationID) \
                as \(ConsultationScaleData.listenerLogin).
                """)
        }
        try await ScaleData.gatherPlannerStatistics(on: app.db)
        context.console.print("""
            Added \(organisations) organisations, \(professionals) professionals and \(citizens) citizens' plans \
            in \(Int(Date().timeIntervalSince(started))) s.
            Sign in as \(ScaleData.citizenLogin(0)) or \(ScaleData.professionalLogin(0)) with the password \(ScaleData.password).
            """)
    }
}
