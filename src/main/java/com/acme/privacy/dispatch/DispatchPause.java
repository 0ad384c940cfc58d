package com.acme.privacy.dispatch;

import java.time.Duration;
import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The deployment-wide pause that Gong imposes: after a 429 nobody calls before Retry-After has passed, after a
 * 401/403 nobody calls until the credentials are tried again. Kept in PostgreSQL so that every replica, and a
 * replica that takes over the lead, honours it.
 */
@Component
class DispatchPause {

    enum Reason { RATE_LIMITED, CREDENTIALS_REJECTED }

    /** @param reason why calls paused; CREDENTIALS_REJECTED stays until a call succeeds again */
    record State(boolean active, Instant until, Reason reason) {

        static final State NONE = new State(false, null, null);
    }

    private final JdbcClient jdbc;

    DispatchPause(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    State current() {
        return jdbc.sql("SELECT paused_until, paused_until > now() AS active, reason FROM dispatch_pause WHERE id = 1")
                .query((rs, row) -> new State(rs.getBoolean("active"),
                        rs.getTimestamp("paused_until") == null ? null : rs.getTimestamp("paused_until").toInstant(),
                        rs.getString("reason") == null ? null : Reason.valueOf(rs.getString("reason"))))
                .optional().orElse(State.NONE);
    }

    void rateLimited(Duration retryAfter, String replica) {
        jdbc.sql("""
                UPDATE dispatch_pause
                SET paused_until = greatest(coalesce(paused_until, now()), now() + make_interval(secs => :seconds)),
                    reason = CASE WHEN reason = 'CREDENTIALS_REJECTED' THEN reason ELSE 'RATE_LIMITED' END,
                    updated_at = now(), updated_by = :replica
                WHERE id = 1""")
                .param("seconds", retryAfter.toMillis() / 1000.0).param("replica", replica).update();
    }

    void credentialsRejected(Duration retryIn, String replica) {
        jdbc.sql("""
                UPDATE dispatch_pause
                SET paused_until = greatest(coalesce(paused_until, now()), now() + make_interval(secs => :seconds)),
                    reason = 'CREDENTIALS_REJECTED', updated_at = now(), updated_by = :replica
                WHERE id = 1""")
                .param("seconds", retryIn.toMillis() / 1000.0).param("replica", replica).update();
    }

    /** Gong answered normally: whatever paused calls is over. */
    void clear(String replica) {
        jdbc.sql("""
                UPDATE dispatch_pause SET reason = NULL, updated_at = now(), updated_by = :replica
                WHERE id = 1 AND reason IS NOT NULL AND paused_until <= now()""")
                .param("replica", replica).update();
    }
}
