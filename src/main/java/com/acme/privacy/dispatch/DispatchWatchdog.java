package com.acme.privacy.dispatch;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.acme.privacy.gong.GongClient;

/**
 * Gives up the lead when a dispatch round makes no progress for longer than the longest a Gong call can take (the
 * slowest pace's wait, then the call's deadline) plus {@code watchdog-margin}: whatever blocks this replica, another
 * one takes over. Progress is marked around every call, and every call has a deadline, so only something unforeseen
 * trips it.
 */
@Component
class DispatchWatchdog {

    private static final Logger log = LoggerFactory.getLogger(DispatchWatchdog.class);

    private final DispatchLeadership leadership;
    private final Duration limit;
    private ScheduledExecutorService checker;
    private volatile Thread worker;
    private volatile long lastProgress;
    private volatile boolean stalled;

    DispatchWatchdog(DispatchLeadership leadership, GongClient gong, DispatchProperties properties) {
        this.leadership = leadership;
        this.limit = gong.deadline().plusNanos(Math.round(1e9 / GongPace.FLOOR)).plus(properties.watchdogMargin());
    }

    Duration limit() {
        return limit;
    }

    void start() {
        checker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "dispatch-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        long period = Math.max(100, limit.toMillis() / 10);
        checker.scheduleWithFixedDelay(this::check, period, period, TimeUnit.MILLISECONDS);
    }

    void stop() {
        if (checker != null) {
            checker.shutdownNow();
        }
    }

    /** The calling thread starts a round. */
    void roundStarted() {
        lastProgress = System.nanoTime();
        worker = Thread.currentThread();
    }

    void progress() {
        lastProgress = System.nanoTime();
    }

    /** @return whether the round stalled and the lead was given up meanwhile */
    boolean roundEnded() {
        worker = null;
        boolean wasStalled = stalled;
        stalled = false;
        return wasStalled;
    }

    /** Whether the current round has made no progress for longer than the limit. */
    boolean isStalled() {
        return stalled;
    }

    private void check() {
        Thread current = worker;
        if (current == null || stalled || System.nanoTime() - lastProgress < limit.toNanos()) {
            return;
        }
        stalled = true;
        log.error("The dispatch round made no progress for {}; giving up the lead so that another replica takes over", limit);
        leadership.resign();
        current.interrupt();
    }
}
