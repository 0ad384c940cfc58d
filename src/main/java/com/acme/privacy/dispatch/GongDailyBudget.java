package com.acme.privacy.dispatch;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Calls per UTC day for the whole deployment, counted in PostgreSQL so that restarts and replicas share it.
 * Every call counts, whatever Gong answers, because Gong counts it too.
 */
@Component
class GongDailyBudget {

    private static final String TODAY = "(now() AT TIME ZONE 'UTC')::date";
    // One round trip per call: the lead (the server's word on whether our lock's backend holds it), Gong's pause,
    // the budget, and the start that a new leader spaces its first call from.
    private static final String RESERVE = """
            WITH lead AS (SELECT %s AS held),
            paused AS (
                SELECT EXISTS (SELECT 1 FROM dispatch_pause WHERE id = 1 AND paused_until > now()) AS yes),
            used AS (
                INSERT INTO gong_daily_usage AS u (day, calls) SELECT %s, 1
                WHERE (SELECT held FROM lead) AND NOT (SELECT yes FROM paused)
                ON CONFLICT (day) DO UPDATE SET calls = u.calls + 1 WHERE u.calls < :limit
                RETURNING calls),
            stamped AS (
                UPDATE dispatch_pace SET last_call_at = clock_timestamp(), calls_per_second = :pace
                WHERE id = 1 AND EXISTS (SELECT 1 FROM used))
            SELECT (SELECT held FROM lead) AS held, (SELECT yes FROM paused) AS paused, EXISTS (SELECT 1 FROM used) AS reserved
            """.formatted(DispatchLeadership.heldBy(":backend"), TODAY);

    enum Reservation { RESERVED, SPENT, PAUSED, NOT_LEADING }

    private final JdbcClient jdbc;
    private final int limit;

    GongDailyBudget(JdbcClient jdbc, DispatchProperties properties) {
        this.jdbc = jdbc;
        this.limit = properties.dailyBudget();
    }

    /**
     * Takes one call from today's budget, unless the lock's backend {@code leaderBackend} no longer holds the lead or
     * Gong's pause holds, and stamps it as the deployment's latest call start, made at {@code pace}.
     */
    Reservation tryReserve(double pace, int leaderBackend) {
        return jdbc.sql(RESERVE).param("limit", limit).param("pace", pace).param("backend", leaderBackend)
                .query((rs, row) -> !rs.getBoolean("held") ? Reservation.NOT_LEADING
                        : rs.getBoolean("paused") ? Reservation.PAUSED
                        : rs.getBoolean("reserved") ? Reservation.RESERVED : Reservation.SPENT)
                .single();
    }

    /** A reserved call that was not made after all: Gong did not count it either. */
    void giveBack() {
        jdbc.sql("UPDATE gong_daily_usage SET calls = calls - 1 WHERE day = " + TODAY + " AND calls > 0").update();
    }

    int usedToday() {
        return jdbc.sql("SELECT coalesce((SELECT calls FROM gong_daily_usage WHERE day = " + TODAY + "), 0)")
                .query(Integer.class).single();
    }

    int limit() {
        return limit;
    }
}
