package com.acme.privacy.erasure;

import static com.acme.privacy.testsupport.Problems.assertNoInternals;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.EntityExchangeResult;

import com.acme.privacy.testsupport.Api;
import com.acme.privacy.testsupport.ApiTest;

/**
 * Property: a malformed submission is refused and leaves nothing behind. Every run draws {@value #BODIES} bodies from
 * {@link MalformedBodies}, each broken in one to three ways, and checks that each is answered 4xx with an
 * application/problem+json body free of internals, and that no request and no audit event was written. A failure
 * names its seed; {@code -Dmalformed.seed=<seed>} replays the run.
 */
@ApiTest
class MalformedSubmissionPropertyTest {

    private static final int BODIES = 600;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void noMalformedSubmissionIsAcceptedOrStored() {
        long seed = Long.getLong("malformed.seed", ThreadLocalRandom.current().nextLong());
        MalformedBodies bodies = new MalformedBodies(seed);
        Api api = new Api(port);
        long stored = stored();

        for (int i = 1; i <= BODIES; i++) {
            byte[] body = bodies.next();
            EntityExchangeResult<byte[]> answer = api.client().post().uri(Api.REQUESTS).contentType(MediaType.APPLICATION_JSON)
                    .body(body).exchange().expectBody().returnResult();
            String description = "body " + i + " of seed " + seed + ": " + new String(body, StandardCharsets.UTF_8);

            assertThat(answer.getStatus().is4xxClientError()).as(description + " was answered " + answer.getStatus()).isTrue();
            assertThat(answer.getResponseHeaders().getContentType()).as(description).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertNoInternals(new String(answer.getResponseBodyContent(), StandardCharsets.UTF_8));
            assertThat(stored()).as(description + " left a row behind").isEqualTo(stored);
        }
    }

    /** Requests and audit events together: a refused body must write neither. */
    private long stored() {
        return jdbc.sql("SELECT (SELECT count(*) FROM erasure_request) + (SELECT count(*) FROM audit_event)")
                .query(Long.class).single();
    }
}
