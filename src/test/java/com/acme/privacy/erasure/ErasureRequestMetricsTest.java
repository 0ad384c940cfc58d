package com.acme.privacy.erasure;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.acme.privacy.MetricsProperties;
import com.acme.privacy.testsupport.FreshDatabase;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** The gauges that tell ops a person must act: what is overdue, and what waits for a person close to its deadline. */
@JdbcTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@FreshDatabase
class ErasureRequestMetricsTest {

    @Autowired
    JdbcClient jdbc;

    private final MeterRegistry meters = new SimpleMeterRegistry();

    private void stored(ErasureStatus status, Duration dueIn) {
        UUID id = UUID.randomUUID();
        Instant now = Instant.now();
        jdbc.sql("""
                INSERT INTO erasure_request (id, email_ciphertext, email_key_id, email_hash, source, regulation, received_at, due_at,
                    status, created_at, updated_at)
                VALUES (?, '\\x01', 'k1', ?, 'crm', 'GDPR', ?, ?, ?, ?, ?)""")
                .params(id, id.toString().getBytes(), Timestamp.from(now), Timestamp.from(now.plus(dueIn)), status.name(),
                        Timestamp.from(now), Timestamp.from(now))
                .update();
    }

    private double gauge(String name, String status) {
        return status == null ? meters.get(name).gauge().value() : meters.get(name).tag("status", status).gauge().value();
    }

    @Test
    void countsWhatWaitsForAPersonNearItsDeadlineAndWhatIsOverdueUnanswered() {
        ErasureRequestMetrics metrics = new ErasureRequestMetrics(jdbc, meters, new MetricsProperties(Duration.ofSeconds(15)),
                new ErasureProperties(Duration.ofDays(30), Duration.ofMinutes(5), Duration.ofDays(90), Duration.ofMinutes(10),
                        Duration.ofDays(30), Duration.ofDays(7), 2));
        // Other classes that share this context's database may have committed rows of their own: count from them.
        metrics.refresh();
        double failedDueSoon = gauge("privacy.requests.due.soon", "FAILED");
        double attentionDueSoon = gauge("privacy.requests.due.soon", "NEEDS_ATTENTION");
        double overdue = gauge("privacy.requests.overdue", null);
        double attentionBacklog = gauge("privacy.requests.backlog", "NEEDS_ATTENTION");

        stored(ErasureStatus.FAILED, Duration.ofDays(3));
        stored(ErasureStatus.FAILED, Duration.ofDays(-2));
        stored(ErasureStatus.FAILED, Duration.ofDays(20));
        stored(ErasureStatus.NEEDS_ATTENTION, Duration.ofDays(-1));
        stored(ErasureStatus.NEEDS_ATTENTION, Duration.ofDays(8));
        stored(ErasureStatus.PENDING, Duration.ofDays(-1));
        stored(ErasureStatus.COMPLETED, Duration.ofDays(-1));
        metrics.refresh();

        assertThat(gauge("privacy.requests.due.soon", "FAILED")).isEqualTo(failedDueSoon + 2);
        assertThat(gauge("privacy.requests.due.soon", "NEEDS_ATTENTION")).isEqualTo(attentionDueSoon + 1);
        assertThat(gauge("privacy.requests.overdue", null)).as("nothing was confirmed for the one that needs attention")
                .isEqualTo(overdue + 3);
        assertThat(gauge("privacy.requests.backlog", "NEEDS_ATTENTION")).isEqualTo(attentionBacklog + 2);
    }
}
