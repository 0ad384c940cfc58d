package com.acme.privacy.erasure;

import static com.acme.privacy.testsupport.Api.body;
import static com.acme.privacy.testsupport.Api.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import com.acme.privacy.audit.AuditTrail;
import com.acme.privacy.testsupport.Api;
import com.acme.privacy.testsupport.ApiTest;
import com.acme.privacy.testsupport.SettableClock;
import com.jayway.jsonpath.JsonPath;

/** GET verifies the trail incrementally (see VerifiedTrails) and in one snapshot with the request. */
@ApiTest
class AuditTrailVerificationTest {

    @TestConfiguration
    static class Time {

        @Bean
        @Primary
        SettableClock settableClock() {
            return new SettableClock();
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    SettableClock clock;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AuditTrail auditTrail;

    @Autowired
    TransactionTemplate transactions;

    Api api;
    String email;
    UUID id;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        email = "trail-" + UUID.randomUUID() + "@example.com";
        id = UUID.fromString(api.create(request(email, null, "GDPR")));
    }

    @Test
    void aReadRehashesOnlyNewEventsAndTheWholeTrailOncePerRecheckInterval() {
        assertThat(trail().intact()).isTrue();
        behindTheTriggersBack("UPDATE audit_event SET reason = 'Never happened' WHERE request_id = ? AND seq = 1");

        assertThat(trail().intact()).as("event 1 was verified before and is not hashed again yet").isTrue();

        clock.advance(Duration.ofMinutes(10));
        assertThat(trail()).isEqualTo(new Trail(false, 1, true));
        assertThat(trail()).as("a broken trail stays broken").isEqualTo(new Trail(false, 1, true));
    }

    @Test
    void anEventAddedSinceTheLastReadIsHashedOnTheNextRead() {
        assertThat(trail().intact()).isTrue();
        api.cancel(id.toString()).expectStatus().isOk();
        behindTheTriggersBack("UPDATE audit_event SET reason = 'Never happened' WHERE request_id = ? AND seq = 2");

        assertThat(trail()).isEqualTo(new Trail(false, 2, true));
    }

    @Test
    void theLastVerifiedEventRemovedIsSeenAtOnceThoughTheRestStillRecomputes() {
        api.submit(request(email, null, "CCPA")).expectStatus().isOk();
        assertThat(trail().intact()).isTrue();
        behindTheTriggersBack("DELETE FROM audit_event WHERE request_id = ? AND seq = 2");

        assertThat(auditTrail.verify(id).intact()).as("the chain alone cannot tell").isTrue();
        assertThat(trail()).isEqualTo(new Trail(false, 2, true));
    }

    @Test
    void aRewriteThatRecomputesTheHashesIsSeenAtOnce() {
        api.submit(request(email, null, "CCPA")).expectStatus().isOk();
        assertThat(trail().intact()).isTrue();
        behindTheTriggersBack("""
                UPDATE audit_event SET reason = 'Rewritten',
                       hash = audit_event_digest(prev_hash, request_id, seq, occurred_at, actor, kind, from_status, to_status,
                                                 'Rewritten', details)
                WHERE request_id = ? AND seq = 2""");

        assertThat(auditTrail.verify(id).intact()).as("the chain alone cannot tell").isTrue();
        assertThat(trail()).isEqualTo(new Trail(false, 2, true));
    }

    @Test
    void statusChangesCommittedDuringReadsNeverMakeTheTrailLookBroken() {
        int reads = 100;
        CyclicBarrier together = new CyclicBarrier(2);
        CompletableFuture<Void> dispatcher = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < reads; i++) {
                await(together);
                moveAsTheDispatcherDoes("PENDING", "DISPATCHING");
                moveAsTheDispatcherDoes("DISPATCHING", "PENDING");
            }
        });
        List<Trail> seen = new ArrayList<>();
        for (int i = 0; i < reads; i++) {
            await(together);
            seen.add(trail());
        }
        dispatcher.join();

        assertThat(seen).containsOnly(new Trail(true, null, true));
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("The other side did not arrive", e);
        }
    }

    /** A status change and its event in one transaction, as the dispatcher's queue writes them. */
    private void moveAsTheDispatcherDoes(String from, String to) {
        transactions.executeWithoutResult(status -> {
            jdbc.sql("UPDATE erasure_request SET status = ?, updated_at = now() WHERE id = ?").param(to).param(id).update();
            jdbc.sql("INSERT INTO audit_event (request_id, actor, kind, from_status, to_status) VALUES (?, 'system:test', 'STATUS_CHANGED', ?, ?)")
                    .param(id).param(from).param(to).update();
        });
    }

    record Trail(boolean intact, Integer firstBrokenSeq, boolean statusMatchesRequest) {
    }

    private Trail trail() {
        String details = body(api.get(id.toString()).expectStatus().isOk());
        return new Trail(JsonPath.read(details, "$.auditTrail.intact"), JsonPath.read(details, "$.auditTrail.firstBrokenSeq"),
                JsonPath.read(details, "$.auditTrail.statusMatchesRequest"));
    }

    /** Only the table's owner, switching the guard off, can edit; the check must still show it. */
    private void behindTheTriggersBack(String sql) {
        jdbc.sql("ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update_or_delete").update();
        try {
            jdbc.sql(sql).param(id).update();
        } finally {
            jdbc.sql("ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_update_or_delete").update();
        }
    }
}
