package com.acme.privacy.dispatch;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.LongSupplier;

/**
 * Spaces call starts at least {@code 1 / pace} apart and adapts the pace to 429s (see {@link DispatchProperties.Pace}).
 * Resilience4j's rate limiter counts permits per fixed window, so two calls may start milliseconds apart across a
 * window's edge, and Gong's leaky bucket may refuse the second; spacing every start from the previous one cannot.
 * The limiter stays behind this as the hard cap at {@code calls-per-second}, with its metrics.
 * <p>
 * Gong meters arrivals, not starts. A call that took longer than usual (a new connection, a TLS handshake) may have
 * arrived late by as much, so the next start waits that much longer too.
 */
final class GongPace {

    /** The pace never drops below one call every ten seconds. */
    static final double FLOOR = 0.1;
    /** The stored start is stamped when the budget is taken, a moment before the call leaves: a new leader allows for it. */
    private static final long TAKEOVER_MARGIN = 50_000_000;
    private static final int LATENCIES_KEPT = 20;
    /** Fewer calls say nothing of the usual latency: a new leader's first call may have opened a connection. */
    private static final int LATENCIES_TRUSTED = 5;

    private final double highest;
    private final DispatchProperties.Pace settings;
    private final LongSupplier nanoTime;

    private double pace;
    private double ceiling;
    private long ceilingLoweredAt;
    private long nextStart;
    /** The latest call latencies, whose least is the usual delay to arrival. */
    private final Deque<Long> latencies = new ArrayDeque<>();

    GongPace(double highest, DispatchProperties.Pace settings, LongSupplier nanoTime) {
        this.highest = highest;
        this.settings = settings;
        this.nanoTime = nanoTime;
        this.pace = highest;
        this.ceiling = highest;
        this.nextStart = nanoTime.getAsLong();
    }

    /**
     * Takes over the deployment's pace as the previous leader left it.
     *
     * @param sinceLastCall time since the deployment's last call started, or {@code null} if there was none
     */
    synchronized void resume(Duration sinceLastCall, Double storedPace, Double storedCeiling, Duration sinceCeilingLowered) {
        long now = nanoTime.getAsLong();
        pace = storedPace == null ? highest : clamp(storedPace);
        ceiling = storedCeiling == null ? highest : Math.max(pace, Math.min(highest, storedCeiling));
        ceilingLoweredAt = now - (sinceCeilingLowered == null ? 0 : sinceCeilingLowered.toNanos());
        nextStart = sinceLastCall == null ? now : now - sinceLastCall.toNanos() + interval() + TAKEOVER_MARGIN;
        latencies.clear();
    }

    /** How long until the next call may start; zero when it may start now. */
    synchronized Duration untilNextStart() {
        return Duration.ofNanos(Math.max(0, nextStart - nanoTime.getAsLong()));
    }

    /** A call starts now: the next may not start before one interval has passed. */
    synchronized void started() {
        nextStart = nanoTime.getAsLong() + interval();
    }

    /**
     * The call that started last took this long. Whatever it took beyond the least of the latest calls may have
     * delayed its arrival; until a few calls have been seen, all of it may have.
     */
    synchronized void finished(Duration latency) {
        long nanos = latency.toNanos();
        long usual = latencies.size() < LATENCIES_TRUSTED ? 0 : latencies.stream().mapToLong(Long::longValue).min().orElse(0);
        nextStart += Math.max(0, nanos - usual);
        latencies.addLast(nanos);
        if (latencies.size() > LATENCIES_KEPT) {
            latencies.removeFirst();
        }
    }

    /** Gong answered 429: slow down, and remember that the pace that drew it was too fast. */
    synchronized void rateLimited() {
        ceiling = Math.max(FLOOR, pace * settings.ceilingFactor());
        pace = clamp(pace * settings.decreaseFactor());
        ceilingLoweredAt = nanoTime.getAsLong();
    }

    /** A call went through: recover a little, up to the ceiling, which lifts after a quiet period. */
    synchronized void succeeded() {
        if (ceiling < highest && nanoTime.getAsLong() - ceilingLoweredAt >= settings.ceilingRecovery().toNanos()) {
            ceiling = highest;
        }
        pace = Math.min(ceiling, pace + settings.increasePerSuccess());
    }

    synchronized double callsPerSecond() {
        return pace;
    }

    synchronized double ceiling() {
        return ceiling;
    }

    synchronized Duration sinceCeilingLowered() {
        return Duration.ofNanos(nanoTime.getAsLong() - ceilingLoweredAt);
    }

    private long interval() {
        return Math.round(1_000_000_000 / pace);
    }

    private double clamp(double value) {
        return Math.max(FLOOR, Math.min(highest, value));
    }
}
