package com.acme.privacy.dispatch;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import com.acme.privacy.gong.GongClient;
import com.acme.privacy.web.RedactedFailure;

/**
 * The round loop, on one thread: every poll interval, take or confirm the lead, hand back what an earlier round could
 * not, check the gate, claim a short batch under a lease and send it request by request. No database transaction is
 * open during a call. See README, "Dispatch".
 */
@Component
class Dispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
    /** A batch is what the current pace sends in this time, so that a crash strands seconds of work. */
    static final Duration CLAIM_HORIZON = Duration.ofSeconds(5);
    /** Rounds that fail one after another before this replica gives up the lead. */
    private static final int MAX_FAILED_ROUNDS = 3;
    /** After an interruption at shutdown, how long the call's outcome and the batch's release may take to record. */
    private static final Duration RECORD_GRACE = Duration.ofSeconds(5);

    private final DispatchProperties properties;
    private final DispatchQueue queue;
    private final RequestSender sender;
    private final CheckQueue checks;
    private final CompletionChecker checker;
    private final DispatchGate gate;
    private final DispatchLeadership leadership;
    private final DispatchWatchdog watchdog;
    private final GongClient gong;
    private final String replica;
    /** Claims that could not be handed back, e.g. while the database was away; tried again every round. */
    private final List<Unreleased> unreleased = new ArrayList<>();

    private volatile boolean running;
    private volatile boolean stopping;
    private volatile Standby standby;
    private long term;
    private int failedRounds;
    private ScheduledExecutorService executor;

    Dispatcher(DispatchProperties properties, DispatchQueue queue, RequestSender sender, CheckQueue checks,
               CompletionChecker checker, DispatchGate gate, DispatchLeadership leadership, DispatchWatchdog watchdog,
               GongClient gong) {
        this.properties = properties;
        this.queue = queue;
        this.sender = sender;
        this.checks = checks;
        this.checker = checker;
        this.gate = gate;
        this.leadership = leadership;
        this.watchdog = watchdog;
        this.gong = gong;
        this.replica = properties.replicaId();
    }

    @Override
    public void start() {
        if (!properties.enabled()) {
            log.info("Dispatching is switched off on this replica");
            return;
        }
        if (!gong.isConfigured()) {
            throw new IllegalStateException("privacy.dispatch.enabled is true but no Gong credentials are configured: set "
                    + "privacy.gong.access-key and privacy.gong.access-key-secret, or privacy.gong.bearer-token");
        }
        Duration worstCase = worstCasePerRequest(properties.callsPerSecond());
        if (properties.lease().compareTo(worstCase.multipliedBy(2)) < 0) {
            throw new IllegalStateException("privacy.dispatch.lease (" + properties.lease() + ") must be at least twice the "
                    + "longest a request can take (" + worstCase + ": two calls, each with its deadline and a wait for the "
                    + "pace); raise the lease or lower privacy.gong.read-timeout");
        }
        stopping = false;
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> new Thread(runnable, "dispatcher"));
        executor.scheduleWithFixedDelay(this::round, 0, properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
        watchdog.start();
        running = true;
        log.info("Dispatcher started as {}", replica);
    }

    /**
     * Stops claiming and lets the call under way finish within the grace period; past it, interrupts the call. Returns
     * once the last outcome is recorded and the rest of the batch handed back.
     */
    @Override
    public void stop() {
        if (!running) {
            return;
        }
        stopping = true;
        gate.close();
        executor.shutdown();
        try {
            if (!executor.awaitTermination(properties.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("A Gong call outlived the shutdown grace period; interrupting it");
                executor.shutdownNow();
                if (!executor.awaitTermination(RECORD_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                    log.warn("The interrupted call could not be recorded in time; its claim goes back when another replica leads");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        watchdog.stop();
        leadership.close();
        running = false;
        log.info("Dispatcher stopped");
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    boolean isLeader() {
        return leadership.isLeader();
    }

    /** Why this replica stands back from dispatching, or {@code null}. */
    StandDown standingDown() {
        if (leadership.refusal() != null) {
            return StandDown.TRANSACTION_POOLING;
        }
        if (watchdog.isStalled()) {
            return StandDown.STALLED;
        }
        Standby current = standby;
        return current != null && System.nanoTime() - current.until() < 0 ? current.reason() : null;
    }

    private void round() {
        watchdog.roundStarted();
        try {
            // A full batch that went through means more is due: go on without waiting for the next poll.
            while (!stopping && dispatchBatch()) {
                watchdog.progress();
            }
            failedRounds = 0;
        } catch (RuntimeException e) {
            // Anything thrown out of here would cancel the schedule while this replica keeps the lead.
            log.error("Dispatch round failed: {}", e.getClass().getSimpleName(), RedactedFailure.of(e));
            if (++failedRounds >= MAX_FAILED_ROUNDS && leadership.isLeader()) {
                // The lock's session is fine but this replica cannot work (e.g. its pool cannot reach the database).
                log.error("{} dispatch rounds in a row failed; giving up the lead", failedRounds);
                leadership.resign();
                failedRounds = 0;
            }
        } finally {
            // The watchdog's interrupt must not carry over into the next round's connection requests.
            Thread.interrupted();
            if (watchdog.roundEnded()) {
                standBy(watchdog.limit(), StandDown.STALLED);
            }
        }
    }

    /** @return whether a full batch was claimed and sent without a halt */
    private boolean dispatchBatch() {
        handBack();
        if (standingDown() != null || !leadership.lead()) {
            return false;
        }
        if (leadership.term() != term) {
            gate.resumeLead();
            int released = queue.releaseAbandoned(true, replica);
            if (released > 0) {
                log.info("Took over {} claims of the previous dispatcher", released);
            }
            // Only now: should either step fail, the next round takes over again.
            term = leadership.term();
        } else {
            queue.releaseAbandoned(false, replica);
        }
        DispatchGate.State state = gate.roundState();
        if (state.closedBecause() != null) {
            return false;
        }
        int size = batchSize(state);
        List<ClaimedRequest> claimed = queue.claim(size, properties.lease(), replica);
        if (claimed.isEmpty()) {
            return checkBatch(state, size);
        }
        return process(claimed) && claimed.size() == size;
    }

    /**
     * Completion checks come after erasures: only when no erasure is due, and only within their share of the day's
     * budget. Each takes up to four calls (two checks, two erasures sent again).
     */
    private boolean checkBatch(DispatchGate.State state, int erasureBatch) {
        DispatchProperties.CompletionCheck settings = properties.completionCheck();
        if (!settings.enabled() || state.budgetUsed() >= settings.maxBudgetShare() * state.budgetLimit()) {
            return false;
        }
        int size = Math.max(1, erasureBatch / 2);
        List<ClaimedCheck> claimed = checks.claim(size, properties.lease(), replica);
        long leaseEnds = System.nanoTime() + properties.lease().toNanos();
        for (int i = 0; i < claimed.size(); i++) {
            watchdog.progress();
            boolean outOfTime = System.nanoTime() + worstCasePerRequest(gate.callsPerSecond()).multipliedBy(2).toNanos() > leaseEnds;
            CompletionChecker.Halt halt = stopping || outOfTime ? new CompletionChecker.Halt(Duration.ZERO, "no time left in this claim")
                    : checker.check(claimed.get(i));
            if (halt != null) {
                List<ClaimedCheck> unchecked = claimed.subList(stopping || outOfTime ? i : i + 1, claimed.size());
                if (!unchecked.isEmpty()) {
                    checks.postpone(unchecked, replica, halt.delay());
                }
                return false;
            }
        }
        return claimed.size() == size;
    }

    /** What the pace sends within the claim horizon, within today's budget, and only the test calls while half-open. */
    private int batchSize(DispatchGate.State state) {
        int servable = (int) Math.max(1, gate.callsPerSecond() * CLAIM_HORIZON.toSeconds());
        int size = Math.min(Math.min(properties.maxBatch(), servable), state.budgetLimit() - state.budgetUsed());
        return gate.circuitHalfOpen() ? Math.min(size, gate.halfOpenPermits()) : size;
    }

    /** @return whether every request of the batch was sent, without a halt */
    private boolean process(List<ClaimedRequest> claimed) {
        long leaseEnds = System.nanoTime() + properties.lease().toNanos();
        Deque<ClaimedRequest> batch = new ArrayDeque<>();
        List<ClaimedRequest> sameSubject = new ArrayList<>();
        for (ClaimedRequest request : claimed) {
            boolean seen = batch.stream().anyMatch(first -> first.subject().sharesEmailWith(request.subject()));
            (seen ? sameSubject : batch).add(request);
        }
        // Gong erases a subject once: the others of the batch go back and take over the first one's receipt.
        release(sameSubject, Duration.ZERO, "Another request of the same subject is sent first; its receipt carries over");
        while (!batch.isEmpty()) {
            watchdog.progress();
            String stop = stopping ? "The dispatcher is shutting down"
                    : System.nanoTime() + worstCasePerRequest(gate.callsPerSecond()).toNanos() > leaseEnds
                    ? "The claim's lease would run out before this request could be sent" : null;
            if (stop != null) {
                release(List.copyOf(batch), Duration.ZERO, stop);
                return false;
            }
            ClaimedRequest request = batch.poll();
            RequestSender.Halt halt;
            try {
                halt = sender.send(request);
            } catch (RuntimeException e) {
                log.error("Erasure request {}: dispatch failed ({})", request.id(), e.getClass().getSimpleName(), RedactedFailure.of(e));
                boolean settled = sender.failed(request, e);
                halt = new RequestSender.Halt(Duration.ZERO, "The dispatcher failed unexpectedly; back to the queue", !settled, false);
            }
            if (halt != null) {
                List<ClaimedRequest> unsent = new ArrayList<>();
                if (halt.includesCurrent()) {
                    unsent.add(request);
                }
                unsent.addAll(batch);
                release(unsent, halt.delay(), halt.reason());
                if (halt.standDown()) {
                    leadership.resign();
                    standBy(properties.missingKeyStandby(), StandDown.MISSING_KEY);
                }
                return false;
            }
        }
        return true;
    }

    private void release(List<ClaimedRequest> claims, Duration delay, String reason) {
        if (claims.isEmpty()) {
            return;
        }
        try {
            queue.release(claims, replica, delay, reason);
        } catch (RuntimeException e) {
            log.warn("Could not hand back {} claims ({}); trying again next round", claims.size(), e.getClass().getSimpleName());
            unreleased.add(new Unreleased(claims, reason));
        }
    }

    /** Once the database answers again, claims still held go back without waiting for their lease. */
    private void handBack() {
        for (Iterator<Unreleased> pending = unreleased.iterator(); pending.hasNext(); ) {
            Unreleased claims = pending.next();
            try {
                queue.release(claims.claims(), replica, Duration.ZERO, claims.reason() + "; handed back when the database answered again");
            } catch (RuntimeException stillAway) {
                return;
            }
            pending.remove();
            log.info("Handed back {} claims", claims.claims().size());
        }
    }

    private void standBy(Duration duration, StandDown reason) {
        standby = new Standby(reason, System.nanoTime() + duration.toNanos());
        log.warn("Standing back from dispatching for {}: {}", duration, reason.description());
    }

    /** Two calls, each waiting for the pace and then for its deadline. */
    private Duration worstCasePerRequest(double callsPerSecond) {
        return gong.deadline().plusNanos(Math.round(1e9 / callsPerSecond)).multipliedBy(2);
    }

    private record Unreleased(List<ClaimedRequest> claims, String reason) {
    }

    /** @param until in {@link System#nanoTime()} */
    private record Standby(StandDown reason, long until) {
    }
}
