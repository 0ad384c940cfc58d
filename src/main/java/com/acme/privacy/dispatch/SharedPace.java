package com.acme.privacy.dispatch;

import java.time.Duration;

import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The pace as PostgreSQL keeps it for whoever leads next: when the last call started (stamped with each budget
 * reservation) and what 429s taught. Database time throughout, so replicas' clocks do not matter.
 */
@Component
class SharedPace {

    private final JdbcClient jdbc;

    SharedPace(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A new leader continues from here: it waits one interval after the last call, at the pace that was reached. */
    void resumeInto(GongPace pace) {
        jdbc.sql("""
                SELECT extract(epoch FROM clock_timestamp() - last_call_at) AS since_last_call, calls_per_second,
                       ceiling, extract(epoch FROM clock_timestamp() - ceiling_lowered_at) AS since_ceiling_lowered
                FROM dispatch_pace WHERE id = 1""")
                .query((RowCallbackHandler) row -> pace.resume(seconds(row.getObject("since_last_call")),
                        (Double) row.getObject("calls_per_second"), (Double) row.getObject("ceiling"),
                        seconds(row.getObject("since_ceiling_lowered"))));
    }

    /** After a 429, so that the next leader does not start where this one was refused. */
    void save(GongPace pace) {
        jdbc.sql("""
                UPDATE dispatch_pace SET calls_per_second = :pace, ceiling = :ceiling,
                    ceiling_lowered_at = clock_timestamp() - make_interval(secs => :sinceLowered)
                WHERE id = 1""")
                .param("pace", pace.callsPerSecond()).param("ceiling", pace.ceiling())
                .param("sinceLowered", pace.sinceCeilingLowered().toMillis() / 1000.0)
                .update();
    }

    private static Duration seconds(Object value) {
        return value == null ? null : Duration.ofNanos(Math.round(((Number) value).doubleValue() * 1e9));
    }
}
