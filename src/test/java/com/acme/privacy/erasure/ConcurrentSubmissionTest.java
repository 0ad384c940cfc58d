package com.acme.privacy.erasure;

import static com.acme.privacy.testsupport.Api.body;
import static com.acme.privacy.testsupport.Api.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.servlet.client.EntityExchangeResult;

import com.acme.privacy.testsupport.Api;
import com.acme.privacy.testsupport.ApiTest;
import com.jayway.jsonpath.JsonPath;

@ApiTest
class ConcurrentSubmissionTest {

    private static final int CLIENTS = 8;

    @LocalServerPort
    int port;

    Api api;
    ExecutorService pool;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        pool = Executors.newFixedThreadPool(CLIENTS);
    }

    @AfterEach
    void tearDown() {
        pool.shutdownNow();
    }

    record Answer(int status, String id) {
    }

    /** Fires the same call from every client at once and collects the answers. */
    private List<Answer> race(Callable<EntityExchangeResult<byte[]>> call) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Answer>> futures = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            futures.add(pool.submit(() -> {
                start.await();
                EntityExchangeResult<byte[]> result = call.call();
                return new Answer(result.getStatus().value(), JsonPath.read(new String(result.getResponseBody()), "$.id"));
            }));
        }
        start.countDown();
        List<Answer> answers = new ArrayList<>();
        for (Future<Answer> future : futures) {
            answers.add(future.get());
        }
        return answers;
    }

    @RepeatedTest(3)
    void duplicatePostsWithOneIdempotencyKeyCreateOneRequest() throws Exception {
        String email = "race-" + UUID.randomUUID() + "@example.com";
        String json = request(email, null, "GDPR");
        String key = UUID.randomUUID().toString();

        List<Answer> answers = race(() -> api.submit(json, key).expectBody().returnResult());

        assertThat(answers).extracting(Answer::status).containsOnly(200, 202).filteredOn(s -> s == 202).hasSize(1);
        assertThat(answers).extracting(Answer::id).containsOnly(answers.get(0).id());
        assertThat((List<?>) JsonPath.read(body(api.search("{\"email\":\"" + email + "\"}").expectStatus().isOk()), "$.content"))
                .hasSize(1);
    }

    @RepeatedTest(3)
    void duplicatePostsForOneSubjectWithoutKeysCreateOneRequestAndAuditTheCallersRepeatOnce() throws Exception {
        String email = "race-" + UUID.randomUUID() + "@example.com";
        String json = request(email, null, "CCPA");

        List<Answer> answers = race(() -> api.submit(json).expectBody().returnResult());

        assertThat(answers).extracting(Answer::status).filteredOn(s -> s == 202).hasSize(1);
        assertThat(answers).extracting(Answer::status).containsOnly(200, 202);
        String id = answers.get(0).id();
        assertThat(answers).extracting(Answer::id).containsOnly(id);
        String details = body(api.get(id).expectStatus().isOk());
        // Seven concurrent repeats by one caller: one event between them, not seven.
        assertThat((List<String>) JsonPath.read(details, "$.auditTrail.events[?(@.kind == 'REPEAT_SUBMISSION')].kind"))
                .hasSize(1);
        assertThat((Boolean) JsonPath.read(details, "$.auditTrail.intact")).isTrue();
    }
}
