package com.acme.privacy.dispatch;

import java.time.Duration;
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
 * The round loop, on one thread: every poll interval a {@link DispatchRound}, again at once while full batches go
 * through. No database transaction is open during a call. See README, "Dispatch".
 */
@Component
class Dispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
    /** Rounds that fail one after another before this replica gives up the lead. */
    private static final int MAX_FAILED_ROUNDS = 3;
    /** After an interruption at shutdown, how long the call's outcome and the batch's release may take to record. */
    private static final Duration RECORD_GRACE = Duration.ofSeconds(5);

    private final DispatchProperties properties;
    private final DispatchRound round;
    private final Standby standby;
    private final DispatchWatchdog watchdog;
    private final GongClient gong;

    private volatile boolean running;
    private volatile boolean stopping;
    private int failedRounds;
    private ScheduledExecutorService executor;

    Dispatcher(DispatchProperties properties, DispatchRound round, Standby standby, DispatchWatchdog watchdog, GongClient gong) {
        this.properties = properties;
        this.round = round;
        this.standby = standby;
        this.watchdog = watchdog;
        this.gong = gong;
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
        Duration worstCase = BatchSizing.worstCasePerRequest(gong.deadline(), properties.callsPerSecond());
        if (properties.lease().compareTo(worstCase.multipliedBy(2)) < 0) {
            throw new IllegalStateException("privacy.dispatch.lease (" + properties.lease() + ") must be at least twice the "
                    + "longest a request can take (" + worstCase + ": two calls, each with its deadline and a wait for the "
                    + "pace); raise the lease or lower privacy.gong.read-timeout");
        }
        stopping = false;
        round.start();
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> new Thread(runnable, "dispatcher"));
        executor.scheduleWithFixedDelay(this::round, 0, properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
        watchdog.start();
        running = true;
        log.info("Dispatcher started as {}", properties.replicaId());
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
        round.stop();
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
        standby.close();
        running = false;
        log.info("Dispatcher stopped");
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /**
     * While erasures go out unhalted, more may have arrived: claim again at once. A queue that has just run dry gets a
     * second look one pace interval later, since submissions arriving about as fast as the pace would otherwise wait
     * for the next poll; a queue found empty twice waits for it.
     */
    private void passUntilIdle() {
        boolean justSent = false;
        while (!stopping) {
            DispatchRound.Pass pass = round.pass();
            watchdog.progress();
            if (pass == DispatchRound.Pass.NOTHING_DUE && justSent) {
                justSent = false;
                if (!pause(round.paceInterval())) {
                    return;
                }
            } else if (pass == DispatchRound.Pass.GO_ON) {
                justSent = true;
            } else {
                return;
            }
        }
    }

    /** @return false when interrupted (the watchdog, or shutdown) */
    private static boolean pause(Duration duration) {
        try {
            TimeUnit.NANOSECONDS.sleep(duration.toNanos());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void round() {
        watchdog.roundStarted();
        try {
            passUntilIdle();
            failedRounds = 0;
        } catch (RuntimeException e) {
            // Anything thrown out of here would cancel the schedule while this replica keeps the lead.
            log.error("Dispatch round failed: {}", e.getClass().getSimpleName(), RedactedFailure.of(e));
            if (++failedRounds >= MAX_FAILED_ROUNDS && standby.isLeader()) {
                // The lock's session is fine but this replica cannot work (e.g. its pool cannot reach the database).
                log.error("{} dispatch rounds in a row failed; giving up the lead", failedRounds);
                standby.resign();
                failedRounds = 0;
            }
        } finally {
            // The watchdog's interrupt must not carry over into the next round's connection requests.
            Thread.interrupted();
            if (watchdog.roundEnded()) {
                standby.standBy(watchdog.limit(), StandDown.STALLED);
            }
        }
    }
}
