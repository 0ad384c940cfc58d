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
    // One round trip per call: the budget and the start that a new leader spaces its first call from.
    private static final String RESERVE = """
            WITH used AS (
                INSERT INTO gong_daily_usage AS u (day, calls) VALUES (%s, 1)
                ON CONFLICT (day) DO UPDATE SET calls = u.calls + 1 WHERE u.calls < :limit
                RETURNING calls),
            stamped AS (
                UPDATE dispatch_pace SET last_call_at = clock_timestamp(), calls_per_second = :pace
                WHERE id = 1 AND EXISTS (SELECT 1 FROM used))
            SELECT calls FROM used""".formatted(TODAY);

    private final JdbcClient jdbc;
    private final int limit;

    GongDailyBudget(JdbcClient jdbc, DispatchProperties properties) {
        this.jdbc = jdbc;
        this.limit = properties.dailyBudget();
    }

    /**
     * Takes one call from today's budget and stamps it as the deployment's latest call start, made at {@code pace}.
     *
     * @return {@code false} when today's budget is spent
     */
    boolean tryReserve(double pace) {
        return jdbc.sql(RESERVE).param("limit", limit).param("pace", pace).query(Integer.class).optional().isPresent();
    }

    int usedToday() {
        return jdbc.sql("SELECT coalesce((SELECT calls FROM gong_daily_usage WHERE day = " + TODAY + "), 0)")
                .query(Integer.class).single();
    }

    int limit() {
        return limit;
    }

    int remainingToday() {
        return Math.max(0, limit - usedToday());
    }
}
