package com.acme.privacy.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** Spacing and the adaptive pace, on a clock the test moves. */
class GongPaceTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000_000L);
    private final GongPace pace = new GongPace(2.5, new DispatchProperties.Pace(0.5, 0.9, 0.1, Duration.ofHours(1)), now::get);

    private void advance(Duration duration) {
        now.addAndGet(duration.toNanos());
    }

    @Test
    void spacesEveryStartFromThePreviousOneNotByWindow() {
        assertThat(pace.untilNextStart()).isZero();
        pace.started();
        assertThat(pace.untilNextStart()).isEqualTo(Duration.ofMillis(400));
        advance(Duration.ofMillis(399));
        assertThat(pace.untilNextStart()).isEqualTo(Duration.ofMillis(1));
        advance(Duration.ofSeconds(5));
        assertThat(pace.untilNextStart()).as("idle time is not saved up into a burst").isZero();
        pace.started();
        assertThat(pace.untilNextStart()).isEqualTo(Duration.ofMillis(400));
    }

    /**
     * Gong meters arrivals. A new leader's first call may be slow (a new connection) and a later one still late, so
     * until a few calls have been seen each one's whole latency pushes the next start back.
     */
    @Test
    void untilAFewCallsHaveBeenSeenEachCallsWholeLatencyPushesTheNextStartBack() {
        for (long millis : new long[] {80, 25, 10, 10, 10}) {
            pace.started();
            pace.finished(Duration.ofMillis(millis));
            assertThat(pace.untilNextStart()).isEqualTo(Duration.ofMillis(400 + millis));
            advance(Duration.ofMillis(400 + millis));
        }
    }

    /** Then a call slower than the least of the latest ones may have arrived late, and the next waits as much longer. */
    @Test
    void aCallSlowerThanUsualPushesTheNextStartBackByTheDifference() {
        for (long millis : new long[] {30, 5, 5, 5, 5}) {
            pace.started();
            pace.finished(Duration.ofMillis(millis));
            advance(Duration.ofSeconds(1));
        }
        pace.started();
        pace.finished(Duration.ofMillis(4));
        assertThat(pace.untilNextStart()).as("faster than usual: no later").isEqualTo(Duration.ofMillis(400));
        advance(Duration.ofMillis(400));
        pace.started();
        pace.finished(Duration.ofMillis(65));
        assertThat(pace.untilNextStart()).as("61 ms over the usual 4").isEqualTo(Duration.ofMillis(461));
    }

    @Test
    void a429HalvesThePaceAndCapsItsRecoveryBelowThePaceThatDrewIt() {
        pace.rateLimited();
        assertThat(pace.callsPerSecond()).isEqualTo(1.25);
        assertThat(pace.ceiling()).isCloseTo(2.25, within(1e-9));
        pace.started();
        assertThat(pace.untilNextStart()).isEqualTo(Duration.ofMillis(800));

        for (int i = 0; i < 30; i++) {
            pace.succeeded();
        }
        assertThat(pace.callsPerSecond()).isCloseTo(2.25, within(1e-9));
    }

    @Test
    void theCeilingLiftsAfterAQuietPeriod() {
        pace.rateLimited();
        advance(Duration.ofMinutes(59));
        for (int i = 0; i < 30; i++) {
            pace.succeeded();
        }
        assertThat(pace.callsPerSecond()).isCloseTo(2.25, within(1e-9));
        advance(Duration.ofMinutes(2));
        for (int i = 0; i < 3; i++) {
            pace.succeeded();
        }
        assertThat(pace.callsPerSecond()).isEqualTo(2.5);
    }

    @Test
    void neverDropsBelowTheFloor() {
        for (int i = 0; i < 20; i++) {
            pace.rateLimited();
        }
        assertThat(pace.callsPerSecond()).isEqualTo(GongPace.FLOOR);
    }

    @Test
    void aNewLeaderContinuesFromTheLastCallAndThePaceReached() {
        pace.resume(Duration.ofMillis(100), 1.25, 2.0, Duration.ofMinutes(5));
        assertThat(pace.callsPerSecond()).isEqualTo(1.25);
        // One interval at 1.25/s after the last call, plus the margin for the stamp preceding the call.
        assertThat(pace.untilNextStart()).isEqualTo(Duration.ofMillis(700 + 50));

        pace.resume(null, null, null, null);
        assertThat(pace.callsPerSecond()).isEqualTo(2.5);
        assertThat(pace.untilNextStart()).isZero();
    }
}
