package com.acme.privacy.erasure;

import static com.acme.privacy.testsupport.Api.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import com.acme.privacy.pii.CiphertextRejected;
import com.acme.privacy.pii.IdentifierUnreadable;
import com.acme.privacy.pii.ProtectedIdentifiers;
import com.acme.privacy.pii.Sealed;
import com.acme.privacy.testsupport.Api;
import com.acme.privacy.testsupport.ApiTest;
import com.jayway.jsonpath.JsonPath;

/**
 * Requests written before identifiers were sealed to their request: still found, and brought up to date by the upgrade
 * job; a legacy value anywhere else is never opened. The legacy form is produced here with the JDK's own AES-GCM and
 * HMAC, as the old code did, with the version byte V30 gave it.
 */
@ApiTest
@TestPropertySource(properties = {"privacy.pii.ephemeral-keys=false", "privacy.pii.encryption-keys.k1=" + IdentifierUpgradeTest.AES_KEY,
        "privacy.pii.active-key-id=k1", "privacy.pii.hash-key=" + IdentifierUpgradeTest.HASH_KEY})
class IdentifierUpgradeTest {

    static final String AES_KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";
    static final String HASH_KEY = "ZmVkY2JhOTg3NjU0MzIxMGZlZGNiYTk4NzY1NDMyMTA=";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    IdentifierUpgrade upgrade;

    @Autowired
    ProtectedIdentifiers identifiers;

    private UUID insertLegacy(String email, byte[] ciphertext) throws GeneralSecurityException {
        UUID id = UUID.randomUUID();
        Instant now = Instant.now();
        jdbc.sql("""
                INSERT INTO erasure_request (id, email_ciphertext, email_key_id, email_hash, source, regulation, received_at, due_at,
                    status, attempts, next_attempt_at, created_at, updated_at)
                VALUES (:id, :ciphertext, 'k1', :hash, 'tester', 'GDPR', :now, :due, 'PENDING', 0, :now, :now, :now)""")
                .params(Map.of("id", id, "ciphertext", ciphertext, "hash", legacyHash(email),
                        "now", now.atOffset(ZoneOffset.UTC), "due", now.plusSeconds(86_400).atOffset(ZoneOffset.UTC)))
                .update();
        jdbc.sql("INSERT INTO audit_event (request_id, actor, kind, to_status) VALUES (?, 'client:tester', 'RECEIVED', 'PENDING')")
                .param(id).update();
        return id;
    }

    private Map<String, Object> row(UUID id) {
        return jdbc.sql("SELECT * FROM erasure_request WHERE id = ?").param(id).query().singleRow();
    }

    @Test
    void aLegacyRequestIsFoundThenResealedToItselfAndShown() throws Exception {
        String email = "legacy-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        byte[] legacyCiphertext = legacySeal(email);
        UUID id = insertLegacy(email, legacyCiphertext);
        Api api = new Api(port);
        assertThat((List<String>) JsonPath.read(body(api.search("{\"email\":\"" + email + "\"}")), "$.content[*].id"))
                .containsExactly(id.toString());

        upgrade.upgradeABatch();

        Map<String, Object> row = row(id);
        assertThat(row).containsEntry("sealed_to_request", true).containsEntry("email_masked", "l***@example.com")
                .containsEntry("hash_key_id", "h1");
        assertThat((byte[]) row.get("email_ciphertext")).isNotEqualTo(legacyCiphertext).startsWith(2);
        assertThat(identifiers.revealEmail(new Sealed("k1", (byte[]) row.get("email_ciphertext"), id)).value()).isEqualTo(email);
        assertThat((String) JsonPath.read(body(api.get(id.toString()).expectStatus().isOk()), "$.email")).isEqualTo("l***@example.com");
        assertThat((List<String>) JsonPath.read(body(api.search("{\"email\":\"" + email + "\"}")), "$.content[*].id"))
                .containsExactly(id.toString());
    }

    /** A kind-only value opens in any row: the service never reads one but to seal it again where it belongs. */
    @Test
    void aLegacyValueCopiedIntoAnotherRowIsNeverOpenedNorResealed() throws Exception {
        String jane = "jane-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        byte[] janes = legacySeal(jane);
        UUID other = insertLegacy("other-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com", janes);

        assertThatThrownBy(() -> identifiers.revealEmail(new Sealed("k1", janes, other))).isInstanceOf(IdentifierUnreadable.class);
        assertThatThrownBy(() -> identifiers.revealEmail(new Sealed("k1", janes, null))).isInstanceOf(IdentifierUnreadable.class);
        upgrade.upgradeABatch();

        assertThat(row(other)).containsEntry("sealed_to_request", false).containsEntry("email_masked", null);
        assertThat((byte[]) row(other).get("email_ciphertext")).isEqualTo(janes);
    }

    /** Marking a row as legacy does not make a kind-only value from elsewhere open in it: the value's byte decides. */
    @Test
    void aRowMarkedLegacyInPostgreSqlStillOpensOnlyAsItsOwnRequest() throws Exception {
        Api api = new Api(port);
        String id = api.create("{\"email\":\"bound-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com\",\"regulation\":\"GDPR\"}");
        byte[] bound = (byte[]) row(UUID.fromString(id)).get("email_ciphertext");
        assertThat(bound).startsWith(2);
        byte[] planted = legacySeal("victim@example.com");
        jdbc.sql("UPDATE erasure_request SET sealed_to_request = false, email_ciphertext = ? WHERE id = ?")
                .params(planted, UUID.fromString(id)).update();

        // As the dispatcher reads a row whose sealed_to_request is false.
        assertThatThrownBy(() -> identifiers.revealEmail(new Sealed("k1", planted, null))).isInstanceOf(CiphertextRejected.class);
        assertThatThrownBy(() -> identifiers.revealEmail(new Sealed("k1", bound, null))).isInstanceOf(CiphertextRejected.class);
        upgrade.upgradeABatch();
        assertThat((byte[]) row(UUID.fromString(id)).get("email_ciphertext")).as("not re-sealed to this row").isEqualTo(planted);
    }

    /**
     * As V30 left a value sealed before values were bound: version byte 1, then AES-256-GCM with a 96-bit nonce first
     * and the identifier kind as associated data, as the old code sealed it.
     */
    static byte[] legacySeal(String email) throws GeneralSecurityException {
        byte[] nonce = new byte[12];
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(Base64.getDecoder().decode(AES_KEY), "AES"), new GCMParameterSpec(128, nonce));
        cipher.updateAAD("EMAIL".getBytes(StandardCharsets.US_ASCII));
        byte[] sealed = cipher.doFinal(email.getBytes(StandardCharsets.UTF_8));
        return ByteBuffer.allocate(1 + nonce.length + sealed.length).put((byte) 1).put(nonce).put(sealed).array();
    }

    static byte[] legacyHash(String email) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(HASH_KEY), "HmacSHA256"));
        mac.update("email".getBytes(StandardCharsets.US_ASCII));
        mac.update((byte) 0);
        return mac.doFinal(email.getBytes(StandardCharsets.UTF_8));
    }
}
