package com.acme.privacy.evidence;

import java.io.OutputStream;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.json.JsonMapper;

/**
 * Takes, stores and reads anchors: signed statements of every request's chain head (see {@link AnchorStatement}).
 * <p>
 * The cut is the highest audit event id while {@code audit_event} is locked against inserts. Every insert holds its
 * lock from before its id is drawn until it commits, so under the lock every event up to the cut has committed, and any
 * later one gets a higher id: "events up to the cut" is a fixed set that can be listed again at any time. The lock is
 * held only for that one read; the heads are then read without it.
 */
@Component
class AuditAnchors {

    /** Advisory-lock namespace of the evidence jobs; key 1 makes one replica at a time take an anchor. */
    private static final String ONE_ANCHOR_MAKER = "SELECT pg_advisory_xact_lock(10, 1)";
    private static final String COLUMNS = "id, created_at, cut_event_id, requests, events, heads_sha256, payload, key_id, signature";

    /** A stored anchor: its statement's main facts and the signed payload. */
    record Anchor(long id, Instant createdAt, long cutEventId, long requests, long events, String headsSha256,
                  byte[] payload, String keyId, byte[] signature) {

        SignedDocument signed() {
            return new SignedDocument(keyId, payload, signature);
        }
    }

    private final JdbcClient jdbc;
    private final ChainHeads heads;
    private final EvidenceSigner signer;
    private final EvidenceProperties properties;
    private final JsonMapper json;
    private final Clock clock;
    private final TransactionTemplate anchoring;
    private final TransactionTemplate cutting;
    private final TransactionTemplate reading;
    private final TransactionTemplate streaming;

    AuditAnchors(JdbcClient jdbc, ChainHeads heads, EvidenceSigner signer, EvidenceProperties properties, JsonMapper json,
                 Clock clock, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.heads = heads;
        this.signer = signer;
        this.properties = properties;
        this.json = json;
        this.clock = clock;
        // Listing a million heads takes longer than an API call may.
        this.anchoring = new TransactionTemplate(transactionManager);
        this.anchoring.setTimeout((int) Duration.ofMinutes(30).toSeconds());
        this.cutting = new TransactionTemplate(transactionManager);
        this.cutting.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.reading = new TransactionTemplate(transactionManager);
        this.reading.setReadOnly(true);
        this.streaming = new TransactionTemplate(transactionManager);
        this.streaming.setReadOnly(true);
        this.streaming.setTimeout((int) Duration.ofMinutes(30).toSeconds());
    }

    /** Takes an anchor when the latest is {@code privacy.evidence.anchor-interval} old, or there is none. */
    Optional<Anchor> anchorIfDue() {
        return Optional.ofNullable(anchoring.execute(status -> {
            jdbc.sql(ONE_ANCHOR_MAKER).query().listOfRows();
            Optional<Anchor> latest = latest();
            if (latest.isPresent() && clock.instant().isBefore(latest.get().createdAt().plus(properties.anchorInterval()))) {
                return null;
            }
            return take(latest);
        }));
    }

    /** Takes an anchor now, whenever the last was taken. */
    Anchor anchorNow() {
        return anchoring.execute(status -> {
            jdbc.sql(ONE_ANCHOR_MAKER).query().listOfRows();
            return take(latest());
        });
    }

    private Anchor take(Optional<Anchor> previous) {
        long cut = cut();
        ChainHeads.Digest digest = heads.digest(cut);
        long id = jdbc.sql("SELECT nextval('audit_anchor_id_seq')").query(Long.class).single();
        Instant createdAt = clock.instant();
        AnchorStatement statement = new AnchorStatement(AnchorStatement.TYPE, 1, id, createdAt, signer.activeKeyId(), cut,
                digest.requests(), digest.events(), digest.sha256(),
                previous.map(anchor -> HexFormat.of().formatHex(Digests.sha256(anchor.payload()))).orElse(null));
        byte[] payload = json.writeValueAsBytes(statement);
        SignedDocument signed = signer.sign(payload);
        Anchor anchor = new Anchor(id, createdAt, cut, digest.requests(), digest.events(), digest.sha256(), payload,
                signed.keyId(), signed.signature());
        jdbc.sql("INSERT INTO audit_anchor (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(anchor.id(), Timestamp.from(createdAt), cut, anchor.requests(), anchor.events(),
                        HexFormat.of().parseHex(anchor.headsSha256()), payload, anchor.keyId(), anchor.signature())
                .update();
        return anchor;
    }

    /** In a transaction of its own, so that the lock on audit_event ends as soon as the cut is read. */
    private long cut() {
        return cutting.execute(status -> {
            // Inserts wait while the lock is held: give up rather than hold up intake for long.
            jdbc.sql("SET LOCAL lock_timeout = '5s'").update();
            jdbc.sql("LOCK TABLE audit_event IN SHARE MODE").update();
            return jdbc.sql("SELECT coalesce(max(id), 0) FROM audit_event").query(Long.class).single();
        });
    }

    Optional<Anchor> latest() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM audit_anchor ORDER BY id DESC LIMIT 1").query(AuditAnchors::toAnchor).optional();
    }

    /** Newest first, before {@code beforeId} when given. */
    List<Anchor> page(Long beforeId, int limit) {
        return reading.execute(status -> jdbc.sql("SELECT " + COLUMNS + " FROM audit_anchor WHERE id < ? ORDER BY id DESC LIMIT ?")
                .params(beforeId == null ? Long.MAX_VALUE : beforeId, limit).query(AuditAnchors::toAnchor).list());
    }

    /** Every anchor, oldest first; a year of daily anchors is a few hundred small rows. */
    List<Anchor> all() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM audit_anchor ORDER BY id").query(AuditAnchors::toAnchor).list();
    }

    Optional<Anchor> find(long id) {
        return reading.execute(status -> jdbc.sql("SELECT " + COLUMNS + " FROM audit_anchor WHERE id = ?").param(id)
                .query(AuditAnchors::toAnchor).optional());
    }

    /** The anchor's heads list, listed again from audit_event as it is now. */
    void writeHeads(Anchor anchor, OutputStream out) {
        streaming.executeWithoutResult(status -> heads.write(anchor.cutEventId(), out));
    }

    private static Anchor toAnchor(ResultSet rs, int row) throws SQLException {
        return new Anchor(rs.getLong("id"), rs.getTimestamp("created_at").toInstant(), rs.getLong("cut_event_id"),
                rs.getLong("requests"), rs.getLong("events"), HexFormat.of().formatHex(rs.getBytes("heads_sha256")),
                rs.getBytes("payload"), rs.getString("key_id"), rs.getBytes("signature"));
    }
}
