package com.acme.privacy.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import com.acme.privacy.testsupport.Api;
import com.acme.privacy.testsupport.DispatcherTest;
import com.acme.privacy.testsupport.GongSandbox;

/** Checks use no more than their share of the day's budget, which stays for erasures. */
@DispatcherTest
@TestPropertySource(properties = {"privacy.dispatch.daily-budget=4", "privacy.dispatch.completion-check.max-budget-share=0.5"})
class CompletionCheckLimitsTest {

    @LocalServerPort
    int port;

    @Autowired
    GongSandbox sandbox;

    @Autowired
    JdbcClient jdbc;

    @Test
    void checksStopAtTheirShareOfTheBudgetAndErasuresStillGo() {
        Api api = new Api(port);
        String first = api.create("{\"email\":\"limit-" + UUID.randomUUID() + "@example.com\",\"regulation\":\"GDPR\"}");
        api.awaitStatus(first, "SUBMITTED");
        jdbc.sql("UPDATE erasure_request SET check_due_at = now() WHERE id = CAST(? AS uuid)").param(first).update();
        api.awaitStatus(first, "COMPLETED");

        String second = api.create("{\"email\":\"limit-" + UUID.randomUUID() + "@example.com\",\"regulation\":\"GDPR\"}");
        api.awaitStatus(second, "SUBMITTED");
        jdbc.sql("UPDATE erasure_request SET check_due_at = now() WHERE id = CAST(? AS uuid)").param(second).update();
        // Three of four calls are spent, over the checks' half: a third erasure still goes, the second check does not.
        String third = api.create("{\"email\":\"limit-" + UUID.randomUUID() + "@example.com\",\"regulation\":\"GDPR\"}");
        api.awaitStatus(third, "SUBMITTED");

        assertThat(sandbox.calls().stream().filter(call -> call.path().contains("/data-for-"))).hasSize(1);
        assertThat(jdbc.sql("SELECT status FROM erasure_request WHERE id = CAST(? AS uuid)").param(second).query(String.class).single())
                .isEqualTo("SUBMITTED");
    }
}
