package com.acme.privacy.evidence;

import static com.acme.privacy.testsupport.Api.body;
import static com.acme.privacy.testsupport.Api.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.RestTestClient;

import com.acme.privacy.audit.AuditTrail;
import com.acme.privacy.testsupport.Api;
import com.acme.privacy.testsupport.ApiTest;
import com.acme.privacy.testsupport.SettableClock;
import com.jayway.jsonpath.JsonPath;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Anchors and the global verification. Background jobs run in this context too; the assertions hold whichever of
 * them or the test took an anchor.
 */
@ApiTest
@Import(SettableClock.Time.class)
class AuditAnchorTest {

    @LocalServerPort
    int port;

    @Autowired
    AuditAnchors anchors;

    @Autowired
    AuditVerification verification;

    @Autowired
    EvidenceMetrics evidenceMetrics;

    @Autowired
    AuditTrail auditTrail;

    @Autowired
    MeterRegistry meters;

    @Autowired
    SettableClock clock;

    @Autowired
    JdbcClient jdbc;

    Api api;
    Api auditor;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        auditor = api.as("compliance");
    }

    @Test
    void anAnchorSignsEveryRequestsHeadAndItsHeadsListChecksOutOffline() throws Exception {
        String open = api.create(request(unique(), null, "GDPR"));
        String cancelled = api.create(request(unique(), null, "CCPA"));
        api.cancel(cancelled).expectStatus().isOk();

        AuditAnchors.Anchor first = anchors.anchorNow();
        String view = body(auditor.client().get().uri("/api/v1/audit/anchors/{id}", first.id()).exchange().expectStatus().isOk());
        byte[] payload = Base64.getDecoder().decode((String) JsonPath.read(view, "$.payload"));
        byte[] signature = Base64.getDecoder().decode((String) JsonPath.read(view, "$.signature"));
        String pem = body(RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build().get()
                .uri("/api/v1/keys/{keyId}.pem", (String) JsonPath.read(view, "$.keyId")).exchange().expectStatus().isOk());
        assertThat(IndependentVerifier.jdkVerifies(pem, payload, signature)).isTrue();
        if (IndependentVerifier.opensslAvailable()) {
            assertThat(IndependentVerifier.opensslVerifies(pem, payload, signature)).isTrue();
        }

        String statement = new String(payload, StandardCharsets.UTF_8);
        byte[] heads = auditor.client().get().uri((String) JsonPath.read(view, "$.heads")).exchange().expectStatus().isOk()
                .expectBody(byte[].class).returnResult().getResponseBody();
        assertThat(sha256(heads)).isEqualTo(JsonPath.read(statement, "$.headsSha256"));
        String headsList = new String(heads, StandardCharsets.US_ASCII);
        assertThat(headsList.lines()).hasSize(((Number) JsonPath.read(statement, "$.requests")).intValue())
                .contains(open + " 1 " + lastHash(open), cancelled + " 2 " + lastHash(cancelled));
        assertThat(headsList.lines().toList()).isSorted();

        AuditAnchors.Anchor second = anchors.anchorNow();
        String next = new String(second.payload(), StandardCharsets.UTF_8);
        assertThat((String) JsonPath.read(next, "$.previousAnchorSha256")).isEqualTo(sha256(first.payload()));
        List<Integer> listed = JsonPath.read(body(auditor.client().get().uri("/api/v1/audit/anchors?limit=2").exchange()
                .expectStatus().isOk()), "$[*].anchor.anchorId");
        assertThat(listed).hasSize(2).isSortedAccordingTo((a, b) -> b - a).contains((int) second.id());
    }

    @Test
    void anAnchorIsTakenOncePerInterval() {
        AuditAnchors.Anchor taken = anchors.anchorNow();
        assertThat(anchors.anchorIfDue()).isEmpty();

        clock.advance(Duration.ofDays(1));
        anchors.anchorIfDue();

        assertThat(anchors.latest()).get().extracting(AuditAnchors.Anchor::id).isNotEqualTo(taken.id());
        assertThat(anchors.anchorIfDue()).isEmpty();
    }

    @Test
    void theGlobalVerificationFindsEditedTrailsAndTrailsRewrittenSinceTheirAnchor() {
        UUID rewritten = UUID.fromString(api.create(request(unique(), null, "GDPR")));
        UUID edited = UUID.fromString(api.create(request(unique(), null, "GDPR")));
        AuditAnchors.Anchor anchor = anchors.anchorNow();

        // Every hash recomputed: the trail checks out on its own, only the anchor shows the rewrite.
        behindTheTriggersBack("""
                UPDATE audit_event SET reason = 'Rewritten', hash = audit_event_digest(prev_hash, request_id, seq, occurred_at,
                    actor, kind, from_status, to_status, 'Rewritten', details) WHERE request_id = ?""", rewritten);
        behindTheTriggersBack("UPDATE audit_event SET reason = 'Edited' WHERE request_id = ?", edited);
        assertThat(auditTrail.verify(rewritten).intact()).isTrue();

        AuditVerification.Result result = verification.verifyNow();

        assertThat(result.brokenRequests()).contains(edited).doesNotContain(rewritten);
        assertThat(result.brokenAnchors()).contains(anchor.id());
        evidenceMetrics.refresh();
        assertThat(meters.find("privacy.audit.chains.broken").gauge().value()).isEqualTo(result.chainsBroken()).isPositive();
        assertThat(meters.find("privacy.audit.anchors.broken").gauge().value()).isEqualTo(result.brokenAnchors().size());
        assertThat(meters.find("privacy.audit.last.verification.timestamp").gauge().value()).isPositive();
    }

    private String lastHash(String id) {
        return JsonPath.read(body(auditor.get(id).expectStatus().isOk()), "$.auditTrail.events[-1].hash");
    }

    private void behindTheTriggersBack(String sql, UUID id) {
        jdbc.sql("ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update_or_delete").update();
        try {
            jdbc.sql(sql).param(id).update();
        } finally {
            jdbc.sql("ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_update_or_delete").update();
        }
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static String unique() {
        return "anchor-" + UUID.randomUUID().toString().substring(0, 12) + "@example.com";
    }
}
