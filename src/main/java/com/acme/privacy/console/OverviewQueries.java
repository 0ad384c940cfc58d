package com.acme.privacy.console;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import com.acme.privacy.erasure.ErasureStatus;

/** The overview's numbers, read-only, each over an index (see V20 and V24 for those the console added). */
@Component
@Transactional(readOnly = true)
class OverviewQueries {

    private static final String UNANSWERED = ErasureStatus.sqlList(ErasureStatus.UNANSWERED);

    record OldestOpen(UUID id, Instant createdAt, Instant dueAt) {
    }

    private final JdbcClient jdbc;

    OverviewQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Every status, those without requests at 0; statuses added later show up by themselves. */
    Map<ErasureStatus, Long> countsByStatus() {
        Map<ErasureStatus, Long> counts = new EnumMap<>(ErasureStatus.class);
        for (ErasureStatus status : ErasureStatus.values()) {
            counts.put(status, 0L);
        }
        jdbc.sql("SELECT status, count(*) AS n FROM erasure_request GROUP BY status")
                .query((rs, row) -> counts.put(ErasureStatus.valueOf(rs.getString("status")), rs.getLong("n")))
                .list();
        return counts;
    }

    long overdue(Instant now) {
        return jdbc.sql("SELECT count(*) FROM erasure_request WHERE status IN (" + UNANSWERED + ") AND due_at < :now")
                .param("now", Timestamp.from(now)).query(Long.class).single();
    }

    /** Extended deadlines whose notice to the subject was not recorded in time, while the subject waits for an answer. */
    long extensionsWithoutNotice() {
        return jdbc.sql("SELECT count(*) FROM erasure_request WHERE " + Worklist.EXTENSION_WITHOUT_NOTICE.condition())
                .query(Long.class).single();
    }

    /** The oldest request not yet sent, as the {@code privacy_requests_oldest_pending_age_seconds} gauge sees it. */
    Optional<OldestOpen> oldestOpen() {
        return jdbc.sql("SELECT id, created_at, due_at FROM erasure_request WHERE status IN ("
                        + ErasureStatus.sqlList(ErasureStatus.AWAITING_DISPATCH) + ") ORDER BY created_at LIMIT 1")
                .query((rs, row) -> new OldestOpen(rs.getObject("id", UUID.class), rs.getTimestamp("created_at").toInstant(),
                        rs.getTimestamp("due_at").toInstant()))
                .optional();
    }

    /** Requests the service took in per UTC day since {@code from} (its own receipt, not the subject's). */
    Map<LocalDate, Long> receivedPerDay(Instant from) {
        return perDay("created_at", from);
    }

    /** Requests a completion check found erased at Gong, per UTC day since {@code from}. */
    Map<LocalDate, Long> completedPerDay(Instant from) {
        return perDay("completed_at", from);
    }

    /** Unanswered requests by whole days left until {@code dueAt} (negative: overdue). */
    Map<Long, Long> unansweredByDaysLeft(Instant now) {
        Map<Long, Long> counts = new HashMap<>();
        jdbc.sql("SELECT floor(extract(epoch FROM due_at - :now) / 86400)::bigint AS days, count(*) AS n "
                        + "FROM erasure_request WHERE status IN (" + UNANSWERED + ") GROUP BY days")
                .param("now", Timestamp.from(now))
                .query((rs, row) -> counts.put(rs.getLong("days"), rs.getLong("n")))
                .list();
        return counts;
    }

    private Map<LocalDate, Long> perDay(String column, Instant from) {
        Map<LocalDate, Long> counts = new HashMap<>();
        jdbc.sql("SELECT (" + column + " AT TIME ZONE 'UTC')::date AS day, count(*) AS n FROM erasure_request "
                        + "WHERE " + column + " >= :from GROUP BY day")
                .param("from", Timestamp.from(from))
                .query((rs, row) -> counts.put(rs.getObject("day", LocalDate.class), rs.getLong("n")))
                .list();
        return counts;
    }
}
