package com.acme.privacy.erasure;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import com.acme.privacy.pii.PiiProperties;
import com.acme.privacy.pii.ProtectedIdentifiers;
import com.acme.privacy.pii.Sealed;
import com.acme.privacy.testsupport.TestDatabases;

/** V30 gives every stored ciphertext its version byte, so that what was readable before stays readable after. */
class CiphertextVersionMigrationTest {

    private static final PiiProperties KEYS = new PiiProperties(Map.of("k1", IdentifierUpgradeTest.AES_KEY), "k1",
            IdentifierUpgradeTest.HASH_KEY, "h1", null, false);

    @Test
    void storedValuesOfBothFormsOpenAfterTheMigrationAsTheirOwnRequests() throws Exception {
        TestDatabases.TestDatabase database = TestDatabases.empty();
        DriverManagerDataSource dataSource = new DriverManagerDataSource(database.url(), database.username(), database.password());
        migrate(dataSource, "24");
        JdbcClient jdbc = JdbcClient.create(dataSource);
        String legacyEmail = "before-v5@example.com";
        String boundEmail = "before-v30@example.com";
        // As the code before V5 sealed: no version byte.
        byte[] versioned = IdentifierUpgradeTest.legacySeal(legacyEmail);
        UUID legacyId = insert(jdbc, Arrays.copyOfRange(versioned, 1, versioned.length), legacyEmail, false);
        UUID boundId = UUID.randomUUID();
        insert(jdbc, boundId, boundSealBeforeV30(boundEmail, boundId), boundEmail, true);

        migrate(dataSource, "latest");

        ProtectedIdentifiers identifiers = new ProtectedIdentifiers(KEYS);
        assertThat(identifiers.revealEmail(new Sealed("k1", ciphertext(jdbc, boundId), boundId)).value()).isEqualTo(boundEmail);
        Sealed stillLegacy = new Sealed("k1", ciphertext(jdbc, legacyId), legacyId);
        assertThat(identifiers.isLegacy(stillLegacy)).isTrue();
        Sealed resealed = identifiers.resealEmail(stillLegacy, legacyId, IdentifierUpgradeTest.legacyHash(legacyEmail)).sealed();
        assertThat(identifiers.revealEmail(resealed).value()).isEqualTo(legacyEmail);
    }

    private static void migrate(DriverManagerDataSource dataSource, String target) {
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").target(target).load().migrate();
    }

    private static UUID insert(JdbcClient jdbc, byte[] ciphertext, String email, boolean sealedToRequest) throws GeneralSecurityException {
        UUID id = UUID.randomUUID();
        insert(jdbc, id, ciphertext, email, sealedToRequest);
        return id;
    }

    private static void insert(JdbcClient jdbc, UUID id, byte[] ciphertext, String email, boolean sealedToRequest)
            throws GeneralSecurityException {
        Instant now = Instant.now();
        jdbc.sql("""
                INSERT INTO erasure_request (id, email_ciphertext, email_key_id, email_hash, sealed_to_request, source, regulation,
                    received_at, due_at, status, attempts, next_attempt_at, created_at, updated_at)
                VALUES (:id, :ciphertext, 'k1', :hash, :sealed, 'tester', 'GDPR', :now, :due, 'PENDING', 0, :now, :now, :now)""")
                .params(Map.of("id", id, "ciphertext", ciphertext, "hash", IdentifierUpgradeTest.legacyHash(email),
                        "sealed", sealedToRequest, "now", now.atOffset(ZoneOffset.UTC),
                        "due", now.plusSeconds(86_400).atOffset(ZoneOffset.UTC)))
                .update();
    }

    private static byte[] ciphertext(JdbcClient jdbc, UUID id) {
        return jdbc.sql("SELECT email_ciphertext FROM erasure_request WHERE id = ?").param(id).query(byte[].class).single();
    }

    /** As the code before V30 sealed to a request: nonce first, no version byte. */
    private static byte[] boundSealBeforeV30(String email, UUID id) throws GeneralSecurityException {
        byte[] nonce = new byte[12];
        nonce[0] = 7;
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(Base64.getDecoder().decode(IdentifierUpgradeTest.AES_KEY), "AES"),
                new GCMParameterSpec(128, nonce));
        cipher.updateAAD(("v2|" + id + "|EMAIL|k1").getBytes(StandardCharsets.US_ASCII));
        byte[] sealed = cipher.doFinal(email.getBytes(StandardCharsets.UTF_8));
        return ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
    }
}
