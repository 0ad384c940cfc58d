package com.acme.privacy.erasure;

import static com.acme.privacy.testsupport.Api.body;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import com.acme.privacy.pii.EmailAddress;
import com.acme.privacy.pii.ProtectedIdentifiers;
import com.acme.privacy.testsupport.Api;
import com.acme.privacy.testsupport.ApiTest;
import com.jayway.jsonpath.JsonPath;

/** The hash key rotates: h1 retired to previous-hash-keys, h2 active. Old rows are found, and re-hashed under h2. */
@ApiTest
@TestPropertySource(properties = {"privacy.pii.ephemeral-keys=false", "privacy.pii.encryption-keys.k1=" + IdentifierUpgradeTest.AES_KEY,
        "privacy.pii.active-key-id=k1", "privacy.pii.hash-key=" + HashKeyRotationTest.NEW_HASH_KEY, "privacy.pii.hash-key-id=h2",
        "privacy.pii.previous-hash-keys.h1=" + IdentifierUpgradeTest.HASH_KEY})
class HashKeyRotationTest {

    static final String NEW_HASH_KEY = "bmV3LWhhc2gta2V5LWZvci1yb3RhdGlvbi10ZXN0cyE=";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    IdentifierUpgrade upgrade;

    @Autowired
    ProtectedIdentifiers identifiers;

    @Test
    void rowsHashedUnderTheRetiredKeyAreFoundThenRehashedUnderTheActiveOne() throws Exception {
        UUID id = UUID.randomUUID();
        String email = "rotated-" + id.toString().substring(0, 8) + "@example.com";
        Instant now = Instant.now();
        jdbc.sql("""
                INSERT INTO erasure_request (id, email_ciphertext, email_key_id, email_hash, hash_key_id, source, regulation,
                    received_at, due_at, status, attempts, next_attempt_at, created_at, updated_at)
                VALUES (:id, :ciphertext, 'k1', :hash, 'h1', 'tester', 'GDPR', :now, :due, 'PENDING', 0, :now, :now, :now)""")
                .params(Map.of("id", id, "ciphertext", IdentifierUpgradeTest.legacySeal(email),
                        "hash", IdentifierUpgradeTest.legacyHash(email),
                        "now", now.atOffset(ZoneOffset.UTC), "due", now.plusSeconds(86_400).atOffset(ZoneOffset.UTC)))
                .update();
        jdbc.sql("INSERT INTO audit_event (request_id, actor, kind, to_status) VALUES (?, 'client:tester', 'RECEIVED', 'PENDING')")
                .param(id).update();
        Api api = new Api(port);
        String search = "{\"email\":\"" + email + "\"}";

        assertThat((List<String>) JsonPath.read(body(api.search(search)), "$.content[*].id")).containsExactly(id.toString());
        assertThat(JsonPath.<String>read(body(api.submit(search.replace("}", ",\"regulation\":\"GDPR\"}")).expectStatus().isOk()), "$.id"))
                .as("a repeat finds the open request under the retired key").isEqualTo(id.toString());

        upgrade.upgradeABatch();

        Map<String, Object> row = jdbc.sql("SELECT * FROM erasure_request WHERE id = ?").param(id).query().singleRow();
        assertThat(row).containsEntry("hash_key_id", "h2").containsEntry("sealed_to_request", true);
        assertThat((byte[]) row.get("email_hash")).isEqualTo(identifiers.lookupHash(new EmailAddress(email)));
        assertThat((List<String>) JsonPath.read(body(api.search(search)), "$.content[*].id")).containsExactly(id.toString());
    }

    /** No upgrade can re-hash a suppression entry (there is no identifier left): the retired key keeps it findable. */
    @Test
    void suppressionEntriesUnderTheRetiredKeyAreFoundWhileItStaysConfigured() throws Exception {
        String email = "suppressed-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        jdbc.sql("""
                INSERT INTO suppression_entry (kind, keyed_hash, hash_key_id, first_requested_on, last_requested_on, erased_on)
                VALUES ('EMAIL', ?, 'h1', DATE '2024-03-01', DATE '2024-05-02', DATE '2024-03-09')""")
                .param(IdentifierUpgradeTest.legacyHash(email)).update();

        String answer = body(new Api(port).client().post().uri("/api/v1/suppression/check").contentType(MediaType.APPLICATION_JSON)
                .body("{\"email\":\"" + email + "\"}").exchange().expectStatus().isOk());

        assertThat(answer).isEqualTo("{\"suppressed\":true,\"firstRequestedOn\":\"2024-03-01\",\"lastRequestedOn\":\"2024-05-02\","
                + "\"erasedOn\":\"2024-03-09\"}");
    }
}
