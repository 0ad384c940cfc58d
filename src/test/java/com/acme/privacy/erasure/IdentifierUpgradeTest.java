package com.acme.privacy.erasure;

import static com.acme.privacy.testsupport.Api.body;
import static org.assertj.core.api.Assertions.assertThat;

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

import com.acme.privacy.pii.ProtectedIdentifiers;
import com.acme.privacy.pii.Sealed;
import com.acme.privacy.testsupport.Api;
import com.acme.privacy.testsupport.ApiTest;
import com.jayway.jsonpath.JsonPath;

/**
 * Requests written before identifiers were sealed to their request: still read, found and shown, and brought up to
 * date by the upgrade job. The legacy form is produced here with the JDK's own AES-GCM and HMAC, as the old code did.
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

    @Test
    void aLegacyRequestIsReadFoundAndShownThenResealedToItself() throws Exception {
        UUID id = UUID.randomUUID();
        String email = "legacy-" + id.toString().substring(0, 8) + "@example.com";
        byte[] legacyCiphertext = legacySeal(email);
        Instant now = Instant.now();
        jdbc.sql("""
                INSERT INTO erasure_request (id, email_ciphertext, email_key_id, email_hash, source, regulation, received_at, due_at,
                    status, attempts, next_attempt_at, created_at, updated_at)
                VALUES (:id, :ciphertext, 'k1', :hash, 'tester', 'GDPR', :now, :due, 'PENDING', 0, :now, :now, :now)""")
                .params(Map.of("id", id, "ciphertext", legacyCiphertext, "hash", legacyHash(email),
                        "now", now.atOffset(ZoneOffset.UTC), "due", now.plusSeconds(86_400).atOffset(ZoneOffset.UTC)))
                .update();
        jdbc.sql("INSERT INTO audit_event (request_id, actor, kind, to_status) VALUES (?, 'client:tester', 'RECEIVED', 'PENDING')")
                .param(id).update();
        Api api = new Api(port);

        assertThat((String) JsonPath.read(body(api.get(id.toString()).expectStatus().isOk()), "$.email")).isEqualTo("l***@example.com");
        assertThat((List<String>) JsonPath.read(body(api.search("{\"email\":\"" + email + "\"}")), "$.content[*].id"))
                .containsExactly(id.toString());

        upgrade.upgradeABatch();

        Map<String, Object> row = jdbc.sql("SELECT * FROM erasure_request WHERE id = ?").param(id).query().singleRow();
        assertThat(row).containsEntry("sealed_to_request", true).containsEntry("email_masked", "l***@example.com")
                .containsEntry("hash_key_id", "h1");
        assertThat((byte[]) row.get("email_ciphertext")).isNotEqualTo(legacyCiphertext);
        assertThat(identifiers.revealEmail(new Sealed("k1", (byte[]) row.get("email_ciphertext"), id)).value()).isEqualTo(email);
        assertThat((List<String>) JsonPath.read(body(api.search("{\"email\":\"" + email + "\"}")), "$.content[*].id"))
                .containsExactly(id.toString());
    }

    /** AES-256-GCM, 96-bit nonce first, the identifier kind as associated data. */
    static byte[] legacySeal(String email) throws GeneralSecurityException {
        byte[] nonce = new byte[12];
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(Base64.getDecoder().decode(AES_KEY), "AES"), new GCMParameterSpec(128, nonce));
        cipher.updateAAD("EMAIL".getBytes(StandardCharsets.US_ASCII));
        byte[] sealed = cipher.doFinal(email.getBytes(StandardCharsets.UTF_8));
        return ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
    }

    static byte[] legacyHash(String email) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(HASH_KEY), "HmacSHA256"));
        mac.update("email".getBytes(StandardCharsets.US_ASCII));
        mac.update((byte) 0);
        return mac.doFinal(email.getBytes(StandardCharsets.UTF_8));
    }
}
