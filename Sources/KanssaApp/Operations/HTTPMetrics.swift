import Agenda
import Foundation
import KanssaCore
import Prometheus
import Vapor

/// Request counts and latencies per route, requests in flight, and process memory, in
/// Prometheus text at `/metrics`. One registry per application, so tests do not share it.
struct HTTPMetrics: Sendable {
    let registry: PrometheusCollectorRegistry
    private let inFlight: Gauge
    private let residentMemory: Gauge
    private let virtualMemory: Gauge

    init(registry: PrometheusCollectorRegistry) {
        self.registry = registry
        inFlight = registry.makeGauge(descriptor: .init(
            namespace: "kanssa", metricName: "http_requests_in_flight", unitName: "", helpText: "Requests being served now"))
        residentMemory = registry.makeGauge(descriptor: .init(
            namespace: "process", metricName: "resident_memory", unitName: "bytes", helpText: "Resident memory size"))
        virtualMemory = registry.makeGauge(descriptor: .init(
            namespace: "process", metricName: "virtual_memory", unitName: "bytes", helpText: "Virtual memory size"))
    }

    func started() { inFlight.increment() }

    func finished(method: String, route: String, status: UInt, duration: Duration) {
        inFlight.decrement()
        registry.makeCounter(
            descriptor: .init(namespace: "kanssa", metricName: "http_requests", unitName: "total",
                              helpText: "Requests served, by route and status"),
            labels: [("method", method), ("route", route), ("status", String(status))]
        ).increment()
        registry.makeDurationHistogram(
            descriptor: .init(namespace: "kanssa", metricName: "http_request_duration", unitName: "seconds",
                              helpText: "Time to respond, by route"),
            labels: [("method", method), ("route", route)],
            buckets: [.milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50),
                      .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(5)]
        ).record(duration)
    }

    /// A request or connection the server refused before the application saw it (too long, too
    /// slow, unreadable, cut short), by reason.
    func refused(_ reason: String) {
        registry.makeCounter(
            descriptor: .init(namespace: "kanssa", metricName: "http_refused", unitName: "total",
                              helpText: "Requests and connections refused before the application saw them, by reason"),
            labels: [("reason", reason)]
        ).increment()
    }

    /// The text a Prometheus scraper reads, with the memory figures and what `wholePictures` and
    /// `sessions` keep read fresh.
    func exposition(
        poolSize: Int, wholePictures: WholePictureCache, sessions: KeptSessions, consultations: CacheStatistics, dashboards: CacheStatistics
    ) -> String {
        let views = wholePictures.statistics
        set("plan_views_kept", to: wholePictures.count, help: "Whole-person views kept in memory (KANSSA_PLANS_KEPT at most)")
        set("plan_views_served", by: "outcome", to: [("kept", views.kept), ("built", views.built)],
            help: "Whole-person views served since start, found kept or built from the database")
        set("consultation_pages_served", by: "outcome", to: [("kept", consultations.kept), ("built", consultations.built)],
            help: "Consultations' reports, figures and agreement pages served since start, found kept or built from the database")
        set("dashboards_served", by: "outcome", to: [("kept", dashboards.kept), ("built", dashboards.built)],
            help: "Coordinators' dashboards served since start, found kept or built from the database")
        let served = sessions.statistics
        set("sessions_hearing", to: sessions.isHearing ? 1 : 0,
            help: "1 while this server hears of every change to sessions (PostgreSQL), so that it may keep them; 0 otherwise")
        set("sessions_kept", to: sessions.count, help: "Sessions kept in memory (KANSSA_SESSIONS_KEPT at most)")
        set("sessions_served", by: "outcome", to: [("kept", served.kept), ("read", served.read)],
            help: "Signed-in requests since start whose session was found kept or read from the database")
        if let memory = ProcessMemory.read() {
            residentMemory.set(Double(memory.resident))
            virtualMemory.set(Double(memory.virtual))
        }
        registry.makeGauge(descriptor: .init(
            namespace: "kanssa", metricName: "database_pool_max", unitName: "connections",
            helpText: "Connections the database pool may open (one per event loop)")).set(Double(poolSize))
        return registry.emitToString()
    }

    /// Sets a gauge of Kanssa's. Running totals are gauges too: counters cannot be set, and a
    /// scrape should read them as they are.
    private func set(_ name: String, to value: Int, help: String) {
        registry.makeGauge(descriptor: .init(namespace: "kanssa", metricName: name, unitName: "", helpText: help)).set(Double(value))
    }

    /// Sets a gauge of Kanssa's once for each value of a label.
    private func set(_ name: String, by label: String, to values: [(String, Int)], help: String) {
        for (labelValue, value) in values {
            registry.makeGauge(
                descriptor: .init(namespace: "kanssa", metricName: name, unitName: "", helpText: help), labels: [(label, labelValue)]
            ).set(Double(value))
        }
    }
}

/// Memory of this process, from /proc on Linux; nil where /proc is missing.
enum ProcessMemory {
    static func read() -> (resident: Int, virtual: Int)? {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return nil }
        let fields = text.split(separator: " ").compactMap { Int($0) }
        guard fields.count >= 2 else { return nil }
        let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))
        return (fields[1] * pageSize, fields[0] * pageSize)
    }
}
