package com.acme.privacy.dispatch;

import java.time.Duration;
import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The deployment-wide pause that Gong imposes: after a 429 nobody calls before Retry-After has passed; after a
 * 401/403, or a 404/405/410 that says the service is pointed at the wrong place, nobody calls until it is tried
 * again. Kept in PostgreSQL so that every replica, and a replica that takes over the lead, honours it.
 */
@Component
class DispatchPause {

    /** Why calls paused; every reason but RATE_LIMITED stays until a call succeeds again. */
    enum Reason { RATE_LIMITED, CREDENTIALS_REJECTED, MISCONFIGURED }

    record State(boolean active, Instant until, Reason reason) {

        static final State NONE = new State(false, null, null);

        /** A pause that needs a human: the reason stays after the pause until a call succeeds. */
        boolean needsAttention() {
            return reason == Reason.CREDENTIALS_REJECTED || reason == Reason.MISCONFIGURED;
        }
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

    /** Extends the pause to at least {@code duration} from now; a reason that needs a human is not overwritten by a 429. */
    void pause(Reason reason, Duration duration, String replica) {
        jdbc.sql("""
                UPDATE dispatch_pause
                SET paused_until = greatest(coalesce(paused_until, now()), now() + make_interval(secs => :seconds)),
                    reason = CASE WHEN :reason = 'RATE_LIMITED' AND reason IN ('CREDENTIALS_REJECTED', 'MISCONFIGURED')
                                  THEN reason ELSE :reason END,
                    updated_at = now(), updated_by = :replica
                WHERE id = 1""")
                .param("seconds", duration.toMillis() / 1000.0).param("reason", reason.name()).param("replica", replica)
                .update();
    }

    /** Gong answered normally: whatever paused calls is over. */
    void clear(String replica) {
        jdbc.sql("""
                UPDATE dispatch_pause SET reason = NULL, updated_at = now(), updated_by = :replica
                WHERE id = 1 AND reason IS NOT NULL AND paused_until <= now()""")
                .param("replica", replica).update();
    }
}
