import Foundation
import Testing
@testable import DocFillServer

/// The render pool: at most its width at once, a bounded queue, a time limit.
@Suite struct RenderPoolTests {
    @Test func aFullQueueIsRefusedAtOnce() async throws {
        let pool = RenderPool(width: 1, queueLength: 0)
        let gate = DispatchSemaphore(value: 0)
        let first = Task { try await pool.run(timeout: 60) { gate.wait(); return 1 } }
        while await pool.load.running == 0 { await Task.yield() }
        do {
            _ = try await pool.run(timeout: 60) { 2 }
            Issue.record("a second job was taken with the queue full")
        } catch let error as ServerError {
            #expect(error.status == .serviceUnavailable)
            #expect(error.diagnostics.first?.code == "server_busy")
        }
        gate.signal()
        #expect(try await first.value == 1)
    }

    @Test func waitingJobsRunInTurnAndNoMoreThanTheWidthAtOnce() async throws {
        let pool = RenderPool(width: 2, queueLength: 10)
        let counter = Counter()
        let results = try await withThrowingTaskGroup(of: Int.self) { group in
            for i in 0..<8 {
                // Each job stays until two have run at once (or 10 s passed), so that a busy
                // machine, which may start the second worker late, cannot hide the width.
                group.addTask {
                    try await pool.run(timeout: 60) {
                        counter.enter()
                        let deadline = Date().addingTimeInterval(10)
                        while counter.most < 2 && Date() < deadline { usleep(1_000) }
                        counter.leave()
                        return i
                    }
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.sorted() == Array(0..<8))
        #expect(counter.most == 2)
        #expect(await pool.load.running == 0)
    }

    @Test func aJobPastItsTimeIsAnsweredButKeepsItsPlace() async throws {
        let pool = RenderPool(width: 1, queueLength: 5)
        let gate = DispatchSemaphore(value: 0)
        do {
            _ = try await pool.run(timeout: 0.05) { gate.wait(); return 0 }
            Issue.record("no timeout")
        } catch let error as ServerError {
            #expect(error.status == .gatewayTimeout)
            #expect(error.diagnostics.first?.description == "error[render_timeout]: the work took longer than 0.05 s; it was abandoned")
        }
        #expect(await pool.load.running == 1)
        gate.signal()
        #expect(try await pool.run(timeout: 60) { 7 } == 7)
    }
}

/// How many jobs run at once, and the most seen.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var now = 0
    private var peak = 0
    func enter() { lock.withLock { now += 1; peak = max(peak, now) } }
    func leave() { lock.withLock { now -= 1 } }
    var most: Int { lock.withLock { peak } }
}
