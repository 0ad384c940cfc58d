package com.acme.privacy.erasure;

import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.acme.privacy.audit.AuditEvent;
import com.acme.privacy.audit.AuditTrail;

/**
 * Checks a request's audit trail on every read without re-hashing all of it each time. For each request it has read,
 * this replica remembers the last event it verified (seq and hash) and when it last recomputed the whole chain. A
 * read then recomputes only the events added since, checks that the remembered event is still there unchanged and
 * that no seq is missing, and recomputes the whole chain again once {@code privacy.erasure.audit-recheck-interval}
 * has passed.
 * <p>
 * Caught at once: a change to any event added since the last read; a missing seq; the remembered event removed or
 * rewritten, even by a rewrite that recomputes every hash (which a whole-chain check cannot see). An edit to an older
 * event that leaves its stored hash alone shows at the next whole-chain check. A broken trail is never remembered, so
 * it stays broken on every read.
 */
@Component
public class VerifiedTrails {

    /** About a megabyte; a request no longer among them is verified whole on its next read. */
    private static final int REMEMBERED = 10_000;

    /** The events after the remembered one, each hashed again and linked to its predecessor. */
    private static final String FIRST_BROKEN_AFTER = """
            SELECT seq FROM (
                SELECT seq,
                       hash = audit_event_digest(prev_hash, request_id, seq, occurred_at, actor, kind, from_status,
                                                 to_status, reason, details)
                       AND prev_hash IS NOT DISTINCT FROM coalesce(lag(hash) OVER (ORDER BY seq), decode(:headHash, 'hex')) AS ok
                FROM audit_event WHERE request_id = :requestId AND seq > :headSeq) checked
            WHERE NOT ok ORDER BY seq LIMIT 1
            """;

    /** The last event of a trail verified intact, and when the whole trail was last recomputed. */
    public record Head(int seq, String hash, Instant fullCheckAt) {
    }

    private final Map<UUID, Head> heads = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<UUID, Head> eldest) {
            return size() > REMEMBERED;
        }
    });

    private final AuditTrail auditTrail;
    private final JdbcClient jdbc;
    private final ErasureProperties properties;
    private final Clock clock;

    VerifiedTrails(AuditTrail auditTrail, JdbcClient jdbc, ErasureProperties properties, Clock clock) {
        this.auditTrail = auditTrail;
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * What this replica verified of the request's trail, or {@code null}. Take it before the snapshot that {@link #check}
     * reads in: the event it names was then committed before that snapshot, so a snapshot without it shows a removal.
     */
    public Head known(UUID requestId) {
        return heads.get(requestId);
    }

    /**
     * @param events the request's whole trail, read in the same snapshot as this check
     * @return the first event that does not recompute, is out of place or differs from what was verified before;
     *         {@code null} when the trail is intact
     */
    public Integer firstBroken(UUID requestId, List<AuditEvent> events, Head known) {
        Instant now = clock.instant();
        boolean whole = known == null || !now.isBefore(known.fullCheckAt().plus(properties.auditRecheckInterval()));
        Integer broken = earliest(firstOutOfPlace(events), known == null ? null : changedHead(events, known));
        broken = earliest(broken, whole ? auditTrail.verify(requestId).firstBrokenSeq() : firstBrokenAfter(requestId, known));
        if (broken == null && !events.isEmpty()) {
            AuditEvent last = events.get(events.size() - 1);
            heads.merge(requestId, new Head(last.seq(), last.hash(), whole ? now : known.fullCheckAt()), VerifiedTrails::newer);
        }
        return broken;
    }

    private static Integer firstOutOfPlace(List<AuditEvent> events) {
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).seq() != i + 1) {
                return events.get(i).seq();
            }
        }
        return null;
    }

    private static Integer changedHead(List<AuditEvent> events, Head known) {
        boolean unchanged = events.size() >= known.seq() && events.get(known.seq() - 1).hash().equals(known.hash());
        return unchanged ? null : known.seq();
    }

    private Integer firstBrokenAfter(UUID requestId, Head known) {
        return jdbc.sql(FIRST_BROKEN_AFTER)
                .param("requestId", requestId)
                .param("headSeq", known.seq())
                .param("headHash", known.hash())
                .query(Integer.class)
                .optional()
                .orElse(null);
    }

    private static Integer earliest(Integer a, Integer b) {
        return a == null ? b : b == null ? a : Integer.valueOf(Math.min(a, b));
    }

    /** Concurrent reads may finish out of order; the later head is kept. */
    private static Head newer(Head a, Head b) {
        if (a.seq() != b.seq()) {
            return a.seq() > b.seq() ? a : b;
        }
        return a.fullCheckAt().isAfter(b.fullCheckAt()) ? a : b;
    }
}
