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

    private final JdbcClient jdbc;
    private final int limit;

    GongDailyBudget(JdbcClient jdbc, DispatchProperties properties) {
        this.jdbc = jdbc;
        this.limit = properties.dailyBudget();
    }

    /** Takes one call from today's budget; {@code false} when it is spent. */
    boolean tryReserve() {
        return jdbc.sql("INSERT INTO gong_daily_usage AS u (day, calls) VALUES (" + TODAY + ", 1) "
                        + "ON CONFLICT (day) DO UPDATE SET calls = u.calls + 1 WHERE u.calls < :limit RETURNING calls")
                .param("limit", limit)
                .query(Integer.class)
                .optional()
                .isPresent();
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
