package com.acme.privacy.evidence;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The heads list of an anchor: every request's last event among those with an id up to the cut. Streamed from the
 * database, so that a million requests are never in memory; the same list can be produced again at any time.
 */
@Component
class ChainHeads {

    private static final int FETCH_SIZE = 1_000;
    private static final String HEADS = """
            SELECT h.request_id, h.seq, h.events, e.hash
            FROM (SELECT request_id, max(seq) AS seq, count(*) AS events FROM audit_event WHERE id <= ? GROUP BY request_id) h
            JOIN audit_event e ON e.request_id = h.request_id AND e.seq = h.seq
            ORDER BY h.request_id
            """;

    /** The list's digest, how many requests it names, and how many events lie up to the cut. */
    record Digest(String sha256, long requests, long events) {
    }

    private final JdbcClient jdbc;

    ChainHeads(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Must run in a transaction: PostgreSQL's driver fetches in batches only then. */
    @Transactional(propagation = Propagation.MANDATORY)
    Digest digest(long cutEventId) {
        MessageDigest sha256 = Digests.sha256();
        long[] counts = new long[2];
        each(cutEventId, (line, events) -> {
            sha256.update(line);
            counts[0]++;
            counts[1] += events;
        });
        return new Digest(HexFormat.of().formatHex(sha256.digest()), counts[0], counts[1]);
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void write(long cutEventId, OutputStream out) {
        each(cutEventId, (line, events) -> {
            try {
                out.write(line);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private void each(long cutEventId, LineConsumer consumer) {
        jdbc.sql(HEADS).param(cutEventId).withFetchSize(FETCH_SIZE).query(rs -> {
            String line = rs.getObject("request_id", UUID.class) + " " + rs.getInt("seq") + " "
                    + HexFormat.of().formatHex(rs.getBytes("hash")) + "\n";
            consumer.accept(line.getBytes(StandardCharsets.US_ASCII), rs.getLong("events"));
        });
    }

    @FunctionalInterface
    private interface LineConsumer {
        void accept(byte[] line, long events);
    }
}
