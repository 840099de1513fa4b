import Agenda
import Evaluation
import KanssaCore
import Learning
import Listening
import Prometheus
import Vapor

/// What every request of this app shares, set once in `configure` and read-only afterwards.
struct Platform: Sendable {
    /// Set by `configure`; `demo` alone corrects the address it serves at before it starts.
    var config: AppConfig
    let dependencies: AppDependencies
    let catalogs: Catalogs
    /// A localizer per language, made once: a locale and its date formats cost more to make
    /// than a page costs to fill.
    let localizers: [String: Localizer]
    let passwordRules: PasswordRules
    let secret: Secret
    let metrics: HTTPMetrics
    let inFlight: InFlightRequests
    let stylesheet: ByteBuffer
    /// The questionnaires Kanssa ships, by id, read once.
    let instruments: [String: Instrument]
    /// Evaluation's staff pulse, read once; never offered as a self-assessment round.
    let staffPulse: Instrument
    /// Self-assessment figures, kept while a round's answers stay as they were.
    let roundFigures: RoundFiguresCache
    /// A consultation's public report, figures and coders' agreement, kept while its revision holds.
    let consultations: ConsultationCache
    /// Coordinators' dashboards, kept while the modules' evidence and the directory hold.
    let dashboards: DashboardCache
    /// Whole-person views, kept per plan while the database's revisions say nothing in them changed.
    let wholePictures: WholePictureCache
    /// The whole-person view each session was shown last, sent again while nothing on it changed.
    let shownActionPages: ShownPages<ActionsPage.Model>
    /// Sessions as the database gave them, trusted while this server hears of every change to them.
    let keptSessions: KeptSessions
    /// A bcrypt hash of random text, checked when a login is unknown so that timing reveals nothing.
    let decoyPasswordHash: String
    /// How many answers each address has sent to the public consultation pages lately.
    let answerThrottle: AnswerThrottle
    /// SQLite writes of this app's requests arriving together, committed together.
    let groupCommit: GroupCommit
    /// Work requests started and did not wait for, waited for at a graceful stop.
    let backgroundWork: BackgroundWork
    /// Where e-mail goes; nil when none is sent.
    let mailer: (any Mailer)?
    /// The mail kept instead of sent, in `demo` and the tests.
    var outbox: Outbox? { mailer as? Outbox }
}

extension Platform {
    /// The localizer for a language code: the one made at start, else (a language Kanssa does
    /// not speak) the catalogs' fallback.
    func localizer(for language: String) -> Localizer {
        localizers[language] ?? catalogs.localizer(for: language, timeZone: config.timeZone)
    }
}

extension Application {
    private struct PlatformKey: StorageKey {
        typealias Value = Platform
    }

    var platform: Platform {
        get {
            guard let platform = storage[PlatformKey.self] else {
                // configure() sets it before anything can ask; reaching this is a programming error.
                preconditionFailure("configure(_:) has not run")
            }
            return platform
        }
        set { storage[PlatformKey.self] = newValue }
    }
}

extension Request {
    var platform: Platform { application.platform }
    var now: Date { application.platform.dependencies.now() }
}
