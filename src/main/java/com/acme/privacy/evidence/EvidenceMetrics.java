package com.acme.privacy.evidence;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

import com.acme.privacy.MetricsProperties;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The latest global verification and anchor, read from PostgreSQL: deployment-wide facts that every replica reports
 * alike (aggregate with max).
 */
@Component
class EvidenceMetrics implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(EvidenceMetrics.class);
    private static final String LATEST = """
            SELECT (SELECT chains_broken FROM audit_verification ORDER BY id DESC LIMIT 1) AS chains_broken,
                   (SELECT anchors_broken FROM audit_verification ORDER BY id DESC LIMIT 1) AS anchors_broken,
                   (SELECT extract(epoch FROM finished_at) FROM audit_verification ORDER BY id DESC LIMIT 1) AS verified_at,
                   (SELECT extract(epoch FROM created_at) FROM audit_anchor ORDER BY id DESC LIMIT 1) AS anchored_at
            """;

    private record Snapshot(long chainsBroken, long anchorsBroken, double verifiedAt, double anchoredAt) {
    }

    private final MetricsProperties properties;
    private final JdbcClient jdbc;
    private volatile Snapshot snapshot = new Snapshot(0, 0, 0, 0);

    EvidenceMetrics(JdbcClient jdbc, MeterRegistry meters, MetricsProperties properties) {
        this.properties = properties;
        this.jdbc = jdbc;
        Gauge.builder("privacy.audit.chains.broken", this, metrics -> metrics.snapshot.chainsBroken())
                .description("Requests whose audit trail failed the latest global verification")
                .register(meters);
        Gauge.builder("privacy.audit.anchors.broken", this, metrics -> metrics.snapshot.anchorsBroken())
                .description("Audit anchors that failed the latest global verification")
                .register(meters);
        Gauge.builder("privacy.audit.last.verification.timestamp", this, metrics -> metrics.snapshot.verifiedAt())
                .description("When the latest global verification of the audit trails finished (0: never)")
                .baseUnit("seconds")
                .register(meters);
        Gauge.builder("privacy.audit.last.anchor.timestamp", this, metrics -> metrics.snapshot.anchoredAt())
                .description("When the latest audit anchor was taken (0: never)")
                .baseUnit("seconds")
                .register(meters);
    }

    /** Not {@code @Scheduled}: a placeholder there would repeat the interval's default, which lives in MetricsProperties. */
    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedDelayTask(this::refresh, properties.refreshInterval());
    }

    void refresh() {
        try {
            snapshot = jdbc.sql(LATEST).query((rs, row) -> new Snapshot(rs.getLong("chains_broken"), rs.getLong("anchors_broken"),
                    rs.getDouble("verified_at"), rs.getDouble("anchored_at"))).single();
        } catch (DataAccessException e) {
            log.debug("Evidence metrics not refreshed: {}", e.getClass().getSimpleName());
        }
    }
}
