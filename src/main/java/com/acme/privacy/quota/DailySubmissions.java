package com.acme.privacy.quota;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import jakarta.annotation.PreDestroy;

/**
 * Each caller's submissions per UTC day, shared by the replicas and kept across restarts in PostgreSQL. A row per
 * submission would serialise every portal's submissions on one hot row, so each replica counts in memory and adds
 * its count to the shared one every flush interval, reading back the deployment-wide total. So a caller may overshoot
 * its daily limit by what the other replicas admitted within one interval, and a replica that crashes forgets at
 * most one interval of its counts.
 */
@Component
class DailySubmissions {

    private static final Logger log = LoggerFactory.getLogger(DailySubmissions.class);

    /** One caller's day: the shared total as last read, and what this replica admitted since. */
    private static final class Tally {
        final LocalDate day;
        long shared;
        long unflushed;

        Tally(LocalDate day, long shared) {
            this.day = day;
            this.shared = shared;
        }

        synchronized long total() {
            return shared + unflushed;
        }

        synchronized boolean admit(long limit) {
            if (shared + unflushed >= limit) {
                return false;
            }
            unflushed++;
            return true;
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

        synchronized void unsent(long count) {
            unflushed += count;
        }
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Map<String, Tally> tallies = new ConcurrentHashMap<>();

    DailySubmissions(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Counts a submission unless the caller has made {@code limit} today. */
    boolean admit(String caller, long limit) {
        return today(caller).admit(limit);
    }

    /** As this replica knows it, without asking the database (for metrics). */
    long countToday(String caller) {
        Tally tally = tallies.get(caller);
        return tally != null && tally.day.equals(today()) ? tally.total() : 0;
    }

    private Tally today(String caller) {
        LocalDate day = today();
        Tally current = tallies.get(caller);
        if (current != null && current.day.equals(day)) {
            return current;
        }
        return tallies.compute(caller, (name, tally) -> tally != null && tally.day.equals(day) ? tally : load(name, day, tally));
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    /** The shared count so far today; yesterday's unsent count is added to yesterday's row first. */
    private Tally load(String caller, LocalDate day, Tally previous) {
        if (previous != null) {
            add(List.of(caller), previous.day, List.of(previous.takeUnflushed()));
        }
        long shared = jdbc.sql("SELECT submissions FROM daily_submissions WHERE caller = ? AND day = ?")
                .param(caller).param(day).query(Long.class).optional().orElse(0L);
        return new Tally(day, shared);
    }

    @PreDestroy
    void flush() {
        LocalDate day = today();
        List<String> callers = new ArrayList<>();
        List<Tally> counted = new ArrayList<>();
        List<Long> deltas = new ArrayList<>();
        tallies.forEach((caller, tally) -> {
            if (tally.day.equals(day)) {
                callers.add(caller);
                counted.add(tally);
                deltas.add(tally.takeUnflushed());
            }
        });
        if (callers.isEmpty()) {
            return;
        }
        try {
            Map<String, Long> totals = add(callers, day, deltas);
            for (int i = 0; i < callers.size(); i++) {
                counted.get(i).flushed(totals.get(callers.get(i)));
            }
        } catch (DataAccessException e) {
            for (int i = 0; i < callers.size(); i++) {
                counted.get(i).unsent(deltas.get(i));
            }
            log.debug("Daily submission counts not flushed: {}", e.getClass().getSimpleName());
        }
    }

    private Map<String, Long> add(List<String> callers, LocalDate day, List<Long> deltas) {
        Map<String, Long> totals = new ConcurrentHashMap<>();
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
}
