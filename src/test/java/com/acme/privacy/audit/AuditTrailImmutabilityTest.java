package com.acme.privacy.audit;

import static com.acme.privacy.testsupport.Api.body;
import static com.acme.privacy.testsupport.Api.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.acme.privacy.testsupport.Api;
import com.acme.privacy.testsupport.ApiTest;
import com.jayway.jsonpath.JsonPath;

@ApiTest
class AuditTrailImmutabilityTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AuditTrail auditTrail;

    Api api;
    UUID id;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        id = UUID.fromString(api.create(request("audit-" + UUID.randomUUID() + "@example.com", null, "GDPR")));
        api.cancel(id.toString()).expectStatus().isOk();
    }

    @Test
    void refusesUpdates() {
        assertThatThrownBy(() -> jdbc.sql("UPDATE audit_event SET reason = 'rewritten' WHERE request_id = ?").param(id).update())
                .isInstanceOf(DataAccessException.class)
                .hasMessageContaining("audit_event is append-only: UPDATE refused");
    }

    @Test
    void refusesDeletes() {
        assertThatThrownBy(() -> jdbc.sql("DELETE FROM audit_event WHERE request_id = ?").param(id).update())
                .isInstanceOf(DataAccessException.class)
                .hasMessageContaining("audit_event is append-only: DELETE refused");
        assertThatThrownBy(() -> jdbc.sql("DELETE FROM erasure_request WHERE id = ?").param(id).update())
                .isInstanceOf(DataAccessException.class);
    }

    @Test
    void refusesTruncation() {
        assertThatThrownBy(() -> jdbc.sql("TRUNCATE audit_event").update())
                .isInstanceOf(DataAccessException.class)
                .hasMessageContaining("append-only: TRUNCATE refused");
    }

    @Test
    void chainsEachRequestsEventsByHash() {
        assertThat(jdbc.sql("SELECT count(*) FROM audit_event WHERE request_id = ? AND seq = 1 AND prev_hash IS NULL")
                .param(id).query(Integer.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("""
                SELECT count(*) FROM audit_event e JOIN audit_event p ON p.request_id = e.request_id AND p.seq = e.seq - 1
                WHERE e.request_id = ? AND e.prev_hash = p.hash""").param(id).query(Integer.class).single()).isEqualTo(1);
        assertThat(auditTrail.verify(id)).isEqualTo(new ChainVerification(true, 2, null));
    }

    @Test
    void anEditMadeBehindTheTriggersBackIsDetected() {
        behindTheTriggersBack("UPDATE audit_event SET reason = 'Never happened' WHERE request_id = ? AND seq = 2");

        assertThat(auditTrail.verify(id)).isEqualTo(new ChainVerification(false, 2, 2));
        String details = body(api.get(id.toString()).expectStatus().isOk());
        assertThat((Boolean) JsonPath.read(details, "$.auditTrail.intact")).isFalse();
        assertThat((Integer) JsonPath.read(details, "$.auditTrail.firstBrokenSeq")).isEqualTo(2);
    }

    @Test
    void aDeletedEventBreaksTheChain() {
        behindTheTriggersBack("DELETE FROM audit_event WHERE request_id = ? AND seq = 1");
        assertThat(auditTrail.verify(id).intact()).isFalse();
    }

    @Test
    void eventsCutOffTheEndOfTheTrailAreDetectedByTheRequestsStatus() {
        behindTheTriggersBack("DELETE FROM audit_event WHERE request_id = ? AND seq = 2");

        assertThat(auditTrail.verify(id).intact()).isTrue();
        String details = body(api.get(id.toString()).expectStatus().isOk());
        assertThat((Boolean) JsonPath.read(details, "$.auditTrail.statusMatchesRequest")).isFalse();
        assertThat((Boolean) JsonPath.read(details, "$.auditTrail.intact")).isFalse();
    }

    /** Only the table's owner, switching the guard off, can edit; the chain must still show it. */
    private void behindTheTriggersBack(String sql) {
        jdbc.sql("ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update_or_delete").update();
        try {
            jdbc.sql(sql).param(id).update();
        } finally {
            jdbc.sql("ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_update_or_delete").update();
        }
    }

    @Test
    void theDatabaseAssignsTimeAndSequenceWhateverTheWriterSays() {
        jdbc.sql("""
                INSERT INTO audit_event (request_id, seq, occurred_at, actor, kind, hash)
                VALUES (?, 99, '2000-01-01T00:00:00Z', 'test', 'STATUS_CHANGED', '\\x00')""").param(id).update();
        assertThat(jdbc.sql("SELECT max(seq) FROM audit_event WHERE request_id = ?").param(id).query(Integer.class).single())
                .isEqualTo(3);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_event WHERE occurred_at < '2020-01-01'").query(Integer.class).single())
                .isZero();
        assertThat(auditTrail.verify(id).intact()).isTrue();
    }
}
