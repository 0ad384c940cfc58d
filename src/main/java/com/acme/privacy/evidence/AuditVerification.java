package com.acme.privacy.evidence;

import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.json.JsonMapper;

/**
 * Verifies every request's audit trail and every anchor, deployment-wide, and records the result for the metrics.
 * <p>
 * A request's trail is broken when an event's hash or link does not recompute, a sequence number is missing, or its
 * last status change does not lead to the request's status (events cut off its end). An anchor is broken when its
 * signature or its link to the previous anchor fails, or, for the latest, when its heads list no longer hashes to what
 * it signed: a trail changed behind the triggers' back after it was anchored, even with every hash recomputed.
 */
@Component
class AuditVerification {

    private static final Logger log = LoggerFactory.getLogger(AuditVerification.class);
    /** Key 2 of the evidence namespace: one replica verifies at a time; the others skip the round. */
    private static final String ONE_VERIFIER = "SELECT pg_try_advisory_xact_lock(10, 2)";
    private static final String VERIFIER = "system:audit-verification";
    private static final int LISTED = 100;
    private static final String BROKEN_CHAINS = """
            WITH broken AS (
                SELECT request_id FROM (
                    SELECT request_id,
                           hash = audit_event_digest(prev_hash, request_id, seq, occurred_at, actor, kind, from_status,
                                                     to_status, reason, details)
                           AND prev_hash IS NOT DISTINCT FROM lag(hash) OVER w
                           AND seq = row_number() OVER w AS ok
                    FROM audit_event WINDOW w AS (PARTITION BY request_id ORDER BY seq)) checked
                GROUP BY request_id HAVING NOT bool_and(ok)
                UNION
                SELECT r.id FROM erasure_request r
                LEFT JOIN LATERAL (SELECT e.to_status FROM audit_event e WHERE e.request_id = r.id AND e.to_status IS NOT NULL
                                   ORDER BY e.seq DESC LIMIT 1) last ON true
                WHERE last.to_status IS DISTINCT FROM r.status)
            SELECT count(*) AS broken, (array_agg(request_id ORDER BY request_id))[1:%d] AS listed,
                   (SELECT count(*) FROM erasure_request) AS requests, (SELECT count(*) FROM audit_event) AS events
            FROM broken
            """.formatted(LISTED);

    /** One run's outcome, as stored in {@code audit_verification}. */
    record Result(Instant startedAt, long requests, long events, long chainsBroken, List<UUID> brokenRequests,
                  List<Long> brokenAnchors) {
    }

    private final JdbcClient jdbc;
    private final AuditAnchors anchors;
    private final ChainHeads heads;
    private final PublicKeys publicKeys;
    private final EvidenceProperties properties;
    private final JsonMapper json;
    private final Clock clock;
    private final TransactionTemplate verifying;

    AuditVerification(JdbcClient jdbc, AuditAnchors anchors, ChainHeads heads, PublicKeys publicKeys,
                      EvidenceProperties properties, JsonMapper json, Clock clock, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.anchors = anchors;
        this.heads = heads;
        this.publicKeys = publicKeys;
        this.properties = properties;
        this.json = json;
        this.clock = clock;
        // One snapshot for all of it, and time to hash millions of events.
        this.verifying = new TransactionTemplate(transactionManager);
        this.verifying.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.verifying.setTimeout((int) Duration.ofHours(1).toSeconds());
    }

    /** Verifies when the last run is {@code privacy.evidence.verification-interval} old, unless another replica is at it. */
    Optional<Result> verifyIfDue() {
        return Optional.ofNullable(verifying.execute(status -> {
            if (!Boolean.TRUE.equals(jdbc.sql(ONE_VERIFIER).query(Boolean.class).single())) {
                return null;
            }
            Optional<Instant> last = jdbc.sql("SELECT max(started_at) FROM audit_verification").query(Timestamp.class)
                    .optional().map(Timestamp::toInstant);
            if (last.isPresent() && clock.instant().isBefore(last.get().plus(properties.verificationInterval()))) {
                return null;
            }
            return run();
        }));
    }

    /** Verifies now; waits for a run under way elsewhere to finish first. */
    Result verifyNow() {
        return verifying.execute(status -> {
            jdbc.sql("SELECT pg_advisory_xact_lock(10, 2)").query().listOfRows();
            return run();
        });
    }

    private Result run() {
        Instant startedAt = clock.instant();
        Result result = jdbc.sql(BROKEN_CHAINS).query((rs, row) -> new Result(startedAt, rs.getLong("requests"),
                rs.getLong("events"), rs.getLong("broken"), uuids(rs.getArray("listed")), brokenAnchors())).single();
        jdbc.sql("""
                INSERT INTO audit_verification (started_at, finished_at, verified_by, requests, events, chains_broken,
                                                broken_requests, anchors_broken, broken_anchors)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
                .params(Timestamp.from(startedAt), Timestamp.from(clock.instant()), VERIFIER, result.requests(),
                        result.events(), result.chainsBroken(), result.brokenRequests().toArray(UUID[]::new),
                        result.brokenAnchors().size(), result.brokenAnchors().toArray(Long[]::new))
                .update();
        if (result.chainsBroken() > 0 || !result.brokenAnchors().isEmpty()) {
            log.warn("Audit verification: {} request trail(s) broken, e.g. {}; anchor(s) broken: {}", result.chainsBroken(),
                    result.brokenRequests(), result.brokenAnchors());
        }
        return result;
    }

    private List<Long> brokenAnchors() {
        List<Long> broken = new ArrayList<>();
        AuditAnchors.Anchor previous = null;
        List<AuditAnchors.Anchor> all = anchors.all();
        for (AuditAnchors.Anchor anchor : all) {
            boolean latest = anchor == all.get(all.size() - 1);
            if (!intact(anchor, previous) || latest && !heads.digest(anchor.cutEventId()).equals(
                    new ChainHeads.Digest(anchor.headsSha256(), anchor.requests(), anchor.events()))) {
                broken.add(anchor.id());
            }
            previous = anchor;
        }
        return broken;
    }

    /** Signed by a published key, saying what its row says, and linked to the anchor before it. */
    private boolean intact(AuditAnchors.Anchor anchor, AuditAnchors.Anchor previous) {
        boolean signed = publicKeys.publicKey(anchor.keyId())
                .map(key -> SigningKeys.verifies(key, anchor.payload(), anchor.signature())).orElse(false);
        if (!signed) {
            return false;
        }
        AnchorStatement statement = json.readValue(anchor.payload(), AnchorStatement.class);
        String previousDigest = previous == null ? null : HexFormat.of().formatHex(Digests.sha256(previous.payload()));
        return statement.anchorId() == anchor.id() && statement.cutEventId() == anchor.cutEventId()
                && statement.headsSha256().equals(anchor.headsSha256()) && statement.requests() == anchor.requests()
                && statement.events() == anchor.events() && statement.keyId().equals(anchor.keyId())
                && Objects.equals(statement.previousAnchorSha256(), previousDigest);
    }

    private static List<UUID> uuids(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((UUID[]) array.getArray());
    }
}
