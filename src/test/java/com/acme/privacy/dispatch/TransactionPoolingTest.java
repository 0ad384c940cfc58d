package com.acme.privacy.dispatch;

import static com.acme.privacy.testsupport.Api.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.acme.privacy.testsupport.Api;
import com.acme.privacy.testsupport.GongSandbox;
import com.acme.privacy.testsupport.PgBouncer;
import com.acme.privacy.testsupport.ServiceInstance;
import com.acme.privacy.testsupport.TestDatabases;

/** Behind a transaction-pooling proxy an advisory lock does not hold: the service must notice and refuse to dispatch. */
class TransactionPoolingTest {

    @Test
    void refusesToDispatchBehindATransactionPoolingProxy() throws Exception {
        assumeTrue(PgBouncer.isInstalled(), "Debian's pgbouncer is not installed");
        TestDatabases.TestDatabase database = TestDatabases.fresh();
        try (GongSandbox sandbox = GongSandbox.start();
             PgBouncer bouncer = PgBouncer.transactionPooling(database);
             ServiceInstance replica = new ServiceInstance.Deployment(database, sandbox).start("pooled",
                     Map.of("spring.datasource.url", bouncer.url(database), "spring.flyway.url", database.url(),
                             "spring.flyway.user", database.username(), "spring.flyway.password", database.password()))) {

            Awaitility.await().atMost(Duration.ofSeconds(10))
                    .until(() -> replica.bean(Standby.class).standingDown() == StandDown.TRANSACTION_POOLING);
            String id = replica.api().create(request("pooled@example.com", null, "GDPR"));

            String health = Api.body(replica.management().get().uri("/actuator/health/dispatcher").exchange());
            assertThat(health).contains("\"DOWN\"", "TRANSACTION_POOLING", "pool_mode=transaction");
            assertThat(Api.body(replica.management().get().uri("/actuator/prometheus").exchange()))
                    .contains("privacy_dispatch_standing_down{reason=\"transaction_pooling\"} 1");
            Awaitility.await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
                    .until(() -> sandbox.erasures().isEmpty() && !replica.bean(Standby.class).isLeader());
            assertThat(Api.body(replica.api().get(id))).contains("\"status\":\"PENDING\"");
        }
    }
}
