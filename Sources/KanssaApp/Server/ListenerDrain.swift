import NIOCore
#if canImport(Glibc)
import Glibc
#endif

/// Empties the listening socket's queue before a graceful stop closes it. Closing a listening
/// socket resets every connection the kernel has completed but the server not yet accepted —
/// clients that have sent a request and believe it taken. So first the kernel is made to stop
/// completing handshakes (a socket filter that drops what reaches the listener: a new client's
/// SYN goes unanswered, and its retry meets a closed port, "refused"), then the server goes on
/// accepting until the queue is empty, and only then closes. Linux and TCP only; elsewhere the
/// listener is closed as it is.
enum ListenerDrain {
    /// Returns how many connections were waiting when the drain began, or nil when it could not
    /// be done (not TCP, not Linux, the option refused).
    static func drain(_ channel: any Channel, patience: Duration = .seconds(2)) async -> Int? {
        #if os(Linux)
        guard let provider = channel as? any SocketOptionProvider,
              let family = channel.localAddress?.protocol, family == .inet || family == .inet6,
              let waiting = await queued(provider)
        else { return nil }
        let dropAll = UnsafeMutablePointer<FilterInstruction>.allocate(capacity: 1)
        defer { dropAll.deallocate() }
        dropAll.initialize(to: FilterInstruction(code: 0x06, jt: 0, jf: 0, k: 0))  // BPF_RET|BPF_K 0: drop
        do {
            try await provider.unsafeSetSocketOption(
                level: NIOBSDSocket.OptionLevel(rawValue: SOL_SOCKET), name: NIOBSDSocket.Option(rawValue: SO_ATTACH_FILTER),
                value: FilterProgram(length: 1, instructions: UInt(bitPattern: dropAll))).get()
        } catch {
            return nil
        }
        let clock = ContinuousClock()
        let deadline = clock.now + patience
        while let left = await queued(provider), left > 0, clock.now < deadline {
            try? await Task.sleep(for: .milliseconds(5))
        }
        return waiting
        #else
        return nil
        #endif
    }

    #if os(Linux)
    /// For a listening socket, Linux reports its accept queue's length as `tcpi_unacked`.
    private static func queued(_ provider: any SocketOptionProvider) async -> Int? {
        let info: tcp_info? = try? await provider.unsafeGetSocketOption(
            level: NIOBSDSocket.OptionLevel(rawValue: Int32(IPPROTO_TCP)), name: NIOBSDSocket.Option(rawValue: TCP_INFO)).get()
        return info.map { Int($0.tcpi_unacked) }
    }

    /// `struct sock_filter` and `struct sock_fprog` of <linux/filter.h>, which Glibc does not bring.
    private struct FilterInstruction {
        var code: UInt16
        var jt: UInt8
        var jf: UInt8
        var k: UInt32
    }

    /// The instructions' address is kept as a number, as the kernel reads it: the struct then is
    /// plain data, as NIO asks of an option's value.
    private struct FilterProgram: Sendable {
        var length: UInt16
        var instructions: UInt
    }
    #endif
}
