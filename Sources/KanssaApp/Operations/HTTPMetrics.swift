import Agenda
import Foundation
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

    /// The text a Prometheus scraper reads, with the memory figures and what `wholePictures` and
    /// `sessions` keep read fresh.
    func exposition(poolSize: Int, wholePictures: WholePictureCache, sessions: KeptSessions) -> String {
        registry.makeGauge(descriptor: .init(
            namespace: "kanssa", metricName: "plan_views_kept", unitName: "",
            helpText: "Whole-person views kept in memory (KANSSA_PLANS_KEPT at most)")).set(Double(wholePictures.count))
        // Counters cannot be set; gauges carry the running totals, so that a scrape reads them as they are.
        let statistics = wholePictures.statistics
        for (outcome, total) in [("kept", statistics.kept), ("built", statistics.built)] {
            registry.makeGauge(
                descriptor: .init(namespace: "kanssa", metricName: "plan_views_served", unitName: "",
                                  helpText: "Whole-person views served since start, found kept or built from the database"),
                labels: [("outcome", outcome)]
            ).set(Double(total))
        }
        registry.makeGauge(descriptor: .init(
            namespace: "kanssa", metricName: "sessions_hearing", unitName: "",
            helpText: "1 while this server hears of every change to sessions (PostgreSQL), so that it may keep them; 0 otherwise"))
            .set(Double(sessions.isHearing ? 1 : 0))
        registry.makeGauge(descriptor: .init(
            namespace: "kanssa", metricName: "sessions_kept", unitName: "",
            helpText: "Sessions kept in memory (KANSSA_SESSIONS_KEPT at most)")).set(Double(sessions.count))
        let served = sessions.statistics
        for (outcome, total) in [("kept", served.kept), ("read", served.read)] {
            registry.makeGauge(
                descriptor: .init(namespace: "kanssa", metricName: "sessions_served", unitName: "",
                                  helpText: "Signed-in requests since start whose session was found kept or read from the database"),
                labels: [("outcome", outcome)]
            ).set(Double(total))
        }
        if let memory = ProcessMemory.read() {
            residentMemory.set(Double(memory.resident))
            virtualMemory.set(Double(memory.virtual))
        }
        registry.makeGauge(descriptor: .init(
            namespace: "kanssa", metricName: "database_pool_max", unitName: "connections",
            helpText: "Connections the database pool may open (one per event loop)")).set(Double(poolSize))
        return registry.emitToString()
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
