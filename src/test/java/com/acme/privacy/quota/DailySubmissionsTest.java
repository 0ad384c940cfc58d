package com.acme.privacy.quota;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.acme.privacy.testsupport.FreshDatabase;
import com.acme.privacy.testsupport.SettableClock;

/** The daily count is shared by replicas, survives a restart and starts again at midnight UTC. */
@JdbcTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@FreshDatabase
class DailySubmissionsTest {

    @Autowired
    JdbcClient jdbc;

    private final SettableClock clock = new SettableClock(Instant.parse("2026-11-29T22:00:00Z"));

    private int admitted(DailySubmissions counts, String caller, int tries, long limit) {
        int admitted = 0;
        for (int i = 0; i < tries; i++) {
            admitted += counts.admit(caller, limit) ? 1 : 0;
        }
        return admitted;
    }

    @Test
    void aRestartedReplicaRemembersTodaysCount() {
        DailySubmissions before = new DailySubmissions(jdbc, clock);
        assertThat(admitted(before, "crm", 7, 10)).isEqualTo(7);
        before.flush();

        DailySubmissions restarted = new DailySubmissions(jdbc, clock);
        assertThat(admitted(restarted, "crm", 5, 10)).isEqualTo(3);
        assertThat(admitted(restarted, "helpdesk", 5, 10)).isEqualTo(5);
    }

    @Test
    void replicasShareOneCountOnceTheyHaveFlushed() {
        DailySubmissions one = new DailySubmissions(jdbc, clock);
        DailySubmissions two = new DailySubmissions(jdbc, clock);
        assertThat(admitted(one, "portal", 6, 10)).isEqualTo(6);
        assertThat(admitted(two, "portal", 1, 10)).isEqualTo(1);
        one.flush();
        two.flush();

        assertThat(admitted(two, "portal", 10, 10)).isEqualTo(3);
        assertThat(two.countToday("portal")).isEqualTo(10);
    }

    @Test
    void theCountStartsAgainAtMidnightUtcAndYesterdaysStaysOnItsDay() {
        DailySubmissions counts = new DailySubmissions(jdbc, clock);
        assertThat(admitted(counts, "night-owl", 4, 4)).isEqualTo(4);
        assertThat(counts.admit("night-owl", 4)).isFalse();

        clock.advance(Duration.ofHours(2));
        assertThat(admitted(counts, "night-owl", 4, 4)).isEqualTo(4);
        counts.flush();

        assertThat(jdbc.sql("SELECT day || '=' || submissions FROM daily_submissions WHERE caller = 'night-owl' ORDER BY day")
                .query(String.class).list()).containsExactly("2026-11-29=4", "2026-11-30=4");
    }

    @Test
    void yesterdaysLastCountsReachTheDatabaseAtTheNextFlushWithoutAnotherSubmission() {
        clock.advance(Duration.ofMinutes(119).plusSeconds(59));
        DailySubmissions counts = new DailySubmissions(jdbc, clock);
        assertThat(admitted(counts, "late-portal", 3, 10)).isEqualTo(3);

        clock.advance(Duration.ofSeconds(2));
        counts.flush();

        assertThat(jdbc.sql("SELECT day || '=' || submissions FROM daily_submissions WHERE caller = 'late-portal'")
                .query(String.class).list()).containsExactly("2026-11-29=3");
        assertThat(counts.tracked()).as("yesterday's tally is let go once flushed").isZero();
    }

    @Test
    void manyCallersKeepMemoryBoundedAndEveryCountStillReachesTheDatabase() {
        DailySubmissions counts = new DailySubmissions(jdbc, clock);
        for (int i = 0; i < 12_000; i++) {
            assertThat(counts.admit("sso:person-" + i, 5)).isTrue();
        }
        assertThat(counts.tracked()).isLessThanOrEqualTo(10_000);

        counts.flush();
        assertThat(jdbc.sql("SELECT count(*) || '/' || sum(submissions) FROM daily_submissions WHERE caller LIKE 'sso:person-%'")
                .query(String.class).single()).isEqualTo("12000/12000");
    }

    @Test
    void anIdleCallersTallyIsLetGoAndReadBackWhenItReturns() {
        DailySubmissions counts = new DailySubmissions(jdbc, clock);
        assertThat(admitted(counts, "quiet", 4, 5)).isEqualTo(4);
        clock.advance(Duration.ofMinutes(61));
        assertThat(counts.tracked()).isZero();

        counts.flush();
        assertThat(admitted(counts, "quiet", 3, 5)).as("the four from before still count").isEqualTo(1);
    }

    @Test
    void concurrentSubmissionsNeverPassTheLimit() throws Exception {
        DailySubmissions counts = new DailySubmissions(jdbc, clock);
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> admitted = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                admitted.add(threads.submit(() -> admitted(counts, "busy", 100, 250)));
            }
            int total = 0;
            for (Future<Integer> future : admitted) {
                total += future.get(30, TimeUnit.SECONDS);
            }
            assertThat(total).isEqualTo(250);
        } finally {
            threads.shutdownNow();
        }
    }
}
