package com.acme.privacy.quota;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;

import jakarta.annotation.PreDestroy;

/**
 * Each caller's submissions per UTC day, shared by the replicas and kept across restarts in PostgreSQL. A row per
 * submission would serialise every portal's submissions on one hot row, so each replica counts in memory and adds
 * its count to the shared one every flush interval, reading back the deployment-wide total. So a caller may overshoot
 * its daily limit by what the other replicas admitted within one interval, and a replica that crashes forgets at
 * most one interval of its counts.
 * <p>
 * Tallies are a bounded cache keyed by caller and day (people signing in through SSO are not a short list): one idle
 * for an hour, or pushed out by newer ones, hands what it has not flushed to the next flush, and is read again from
 * PostgreSQL when its caller comes back. No database call is made while the cache holds a lock.
 */
@Component
class DailySubmissions {

    private static final Logger log = LoggerFactory.getLogger(DailySubmissions.class);
    private static final int MAX_TALLIES = 10_000;
    private static final Duration IDLE = Duration.ofHours(1);

    private record Day(String caller, LocalDate day) {
    }

    /** What a tally that left the cache had not flushed yet. */
    private record Unflushed(Day day, long count) {
    }

    private enum Admission { ADMITTED, REFUSED, RETIRED }

    /** One caller's day: the shared total as last read, and what this replica admitted since. */
    private static final class Tally {
        private long shared;
        private long unflushed;
        private boolean retired;

        Tally(long shared) {
            this.shared = shared;
        }

        synchronized long total() {
            return shared + unflushed;
        }

        synchronized Admission admit(long limit) {
            if (retired) {
                return Admission.RETIRED;
            }
            if (shared + unflushed >= limit) {
                return Admission.REFUSED;
            }
            unflushed++;
            return Admission.ADMITTED;
        }

        synchronized long takeUnflushed() {
            long taken = unflushed;
            unflushed = 0;
            return taken;
        }

        /** The deployment-wide total, this replica's flushed count included. */
        synchronized void flushed(long total) {
            shared = total;
        }

        /** Gives a count back after a failed flush; {@code false} when the tally has left the cache meanwhile. */
        synchronized boolean unsent(long count) {
            if (!retired) {
                unflushed += count;
            }
            return !retired;
        }

        /** Leaves the cache: admits nothing more, and hands over what it has not flushed. */
        synchronized long retire() {
            retired = true;
            return takeUnflushed();
        }
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Cache<Day, Tally> tallies;
    private final Queue<Unflushed> retired = new ConcurrentLinkedQueue<>();

    DailySubmissions(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.tallies = Caffeine.newBuilder()
                .maximumSize(MAX_TALLIES)
                .expireAfterAccess(IDLE)
                .ticker(() -> nanos(clock.instant()))
                .executor(Runnable::run)
                .removalListener((Day day, Tally tally, RemovalCause cause) -> {
                    long left = tally == null ? 0 : tally.retire();
                    if (left > 0) {
                        retired.add(new Unflushed(day, left));
                    }
                })
                .build();
    }

    /** Counts a submission unless the caller has made {@code limit} today. */
    boolean admit(String caller, long limit) {
        while (true) {
            Admission admission = today(caller).admit(limit);
            if (admission != Admission.RETIRED) {
                return admission == Admission.ADMITTED;
            }
        }
    }

    /** As this replica knows it, without asking the database (for metrics), and without keeping the tally alive. */
    long countToday(String caller) {
        Tally tally = tallies.policy().getIfPresentQuietly(new Day(caller, today()));
        return tally == null ? 0 : tally.total();
    }

    /** How many tallies this replica holds. */
    long tracked() {
        tallies.cleanUp();
        return tallies.estimatedSize();
    }

    private Tally today(String caller) {
        Day day = new Day(caller, today());
        Tally current = tallies.getIfPresent(day);
        if (current != null) {
            return current;
        }
        // Read before taking the cache's lock; of two threads that both read, the first to store its tally wins.
        long shared = jdbc.sql("SELECT submissions FROM daily_submissions WHERE caller = ? AND day = ?")
                .param(caller).param(day.day()).query(Long.class).optional().orElse(0L);
        return tallies.get(day, key -> new Tally(shared));
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    /**
     * Adds every count not yet flushed, by day, and reads back today's totals; a day that has passed is let go once
     * its count is in.
     */
    @PreDestroy
    void flush() {
        LocalDate today = today();
        Map<Day, Long> deltas = new LinkedHashMap<>();
        Map<Day, Tally> counted = new LinkedHashMap<>();
        for (Unflushed left; (left = retired.poll()) != null; ) {
            deltas.merge(left.day(), left.count(), Long::sum);
        }
        tallies.asMap().forEach((day, tally) -> {
            long delta = tally.takeUnflushed();
            // Today's are read back even when nothing was added here, so that other replicas' counts arrive.
            if (delta > 0 || day.day().equals(today)) {
                deltas.merge(day, delta, Long::sum);
                counted.put(day, tally);
            }
        });
        Map<LocalDate, List<Day>> byDay = new LinkedHashMap<>();
        deltas.keySet().forEach(day -> byDay.computeIfAbsent(day.day(), date -> new ArrayList<>()).add(day));
        byDay.forEach((date, days) -> flush(date, days, deltas, counted));
        tallies.asMap().keySet().removeIf(day -> day.day().isBefore(today));
    }

    private void flush(LocalDate date, List<Day> days, Map<Day, Long> deltas, Map<Day, Tally> counted) {
        try {
            Map<String, Long> totals = add(days.stream().map(Day::caller).toList(), date, days.stream().map(deltas::get).toList());
            days.stream().filter(counted::containsKey).forEach(day -> counted.get(day).flushed(totals.get(day.caller())));
        } catch (DataAccessException e) {
            for (Day day : days) {
                long delta = deltas.get(day);
                Tally tally = counted.get(day);
                if (delta > 0 && (tally == null || !tally.unsent(delta))) {
                    retired.add(new Unflushed(day, delta));
                }
            }
            log.debug("Daily submission counts not flushed: {}", e.getClass().getSimpleName());
        }
    }

    private Map<String, Long> add(List<String> callers, LocalDate day, List<Long> deltas) {
        Map<String, Long> totals = new LinkedHashMap<>();
        jdbc.sql("""
                INSERT INTO daily_submissions (caller, day, submissions)
                SELECT caller, :day, delta FROM unnest(CAST(:callers AS text[]), CAST(:deltas AS bigint[])) AS t(caller, delta)
                ON CONFLICT (caller, day) DO UPDATE SET submissions = daily_submissions.submissions + excluded.submissions
                RETURNING caller, submissions""")
                .param("day", day)
                .param("callers", callers.toArray(String[]::new))
                .param("deltas", deltas.toArray(Long[]::new))
                .query((rs, row) -> totals.put(rs.getString(1), rs.getLong(2)))
                .list();
        return totals;
    }

    @Scheduled(cron = "0 17 3 * * *", zone = "UTC")
    void forgetOldDays() {
        jdbc.sql("DELETE FROM daily_submissions WHERE day < ?").param(today().minusDays(7)).update();
    }

    private static long nanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }
}
