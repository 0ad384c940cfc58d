package com.acme.privacy.erasure;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

import com.acme.privacy.MetricsProperties;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Intake and backlog metrics. The gauges are deployment-wide facts read from PostgreSQL on a schedule (every replica
 * reports the same values; aggregate with max), and only over the small, indexed set of unanswered requests.
 */
@Component
class ErasureRequestMetrics implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(ErasureRequestMetrics.class);
    private static final String OLDEST_OPEN = "SELECT coalesce(extract(epoch FROM now() - min(created_at)), 0) FROM erasure_request "
            + "WHERE status IN (" + ErasureStatus.sqlList(ErasureStatus.AWAITING_DISPATCH) + ")";
    private static final String OVERDUE = "SELECT count(*) FROM erasure_request WHERE due_at < now() AND status IN ("
            + ErasureStatus.sqlList(ErasureStatus.UNANSWERED) + ")";

    private static final String OLDEST_HELD = "SELECT coalesce(extract(epoch FROM now() - min(created_at)), 0) FROM erasure_request "
            + "WHERE status = " + ErasureStatus.HELD.sql();
    private static final String DUE_SOON = "SELECT count(*) FROM erasure_request WHERE status = ? "
            + "AND due_at < now() + make_interval(secs => ?)";

    /**
     * @param dueSoon requests waiting for a person whose deadline is within the warning, or passed
     */
    private record Snapshot(Map<ErasureStatus, Long> backlog, Map<ErasureStatus, Long> dueSoon, double oldestPendingAgeSeconds,
                            double oldestHeldAgeSeconds, long overdue) {
    }

    private final MetricsProperties properties;
    private final JdbcClient jdbc;
    private final MeterRegistry meters;
    // Looked up once per tag set: building and registering a counter on every request showed in the intake's profile.
    private final Map<String, Counter> received = new ConcurrentHashMap<>();
    private final Map<String, Counter> repeats = new ConcurrentHashMap<>();
    private final double deadlineWarningSeconds;
    private volatile Snapshot snapshot = new Snapshot(Map.of(), Map.of(), 0, 0, 0);

    ErasureRequestMetrics(JdbcClient jdbc, MeterRegistry meters, MetricsProperties properties, ErasureProperties erasure) {
        this.properties = properties;
        this.jdbc = jdbc;
        this.meters = meters;
        this.deadlineWarningSeconds = erasure.deadlineWarning().toSeconds();
        for (ErasureStatus status : ErasureStatus.UNANSWERED) {
            Gauge.builder("privacy.requests.backlog", this, metrics -> metrics.snapshot.backlog().getOrDefault(status, 0L))
                    .description("Requests not yet answered (held, waiting, failed or needing attention), by status")
                    .tag("status", status.name())
                    .register(meters);
        }
        for (ErasureStatus status : ErasureStatus.AWAITING_PERSON) {
            Gauge.builder("privacy.requests.due.soon", this, metrics -> metrics.snapshot.dueSoon().getOrDefault(status, 0L))
                    .description("Requests waiting for a person whose deadline is within privacy.erasure.deadline-warning, "
                            + "or passed, by status")
                    .tag("status", status.name())
                    .register(meters);
        }
        Gauge.builder("privacy.requests.oldest.pending.age", this, metrics -> metrics.snapshot.oldestPendingAgeSeconds())
                .description("Age of the oldest request not yet sent to Gong")
                .baseUnit("seconds")
                .register(meters);
        Gauge.builder("privacy.requests.oldest.held.age", this, metrics -> metrics.snapshot.oldestHeldAgeSeconds())
                .description("Age of the oldest request held until released; its legal deadline runs meanwhile")
                .baseUnit("seconds")
                .register(meters);
        Gauge.builder("privacy.requests.overdue", this, metrics -> metrics.snapshot.overdue())
                .description("Requests past their legal due date and not yet answered")
                .register(meters);
    }

    void received(ErasureRequest request) {
        String source = sourceTag(request.getSource());
        received.computeIfAbsent(request.getRegulation().name() + "|" + source,
                key -> Counter.builder("privacy.requests.received")
                        .description("Erasure requests accepted, by regulation and requesting system")
                        .tag("regulation", request.getRegulation().name())
                        .tag("source", source)
                        .register(meters))
                .increment();
    }

    /** Every repeat of an open request; only each caller's first is in the request's audit trail. */
    void repeated(String source) {
        repeats.computeIfAbsent(sourceTag(source),
                tag -> Counter.builder("privacy.requests.repeats")
                        .description("Submissions answered with the subject's open request, by requesting system")
                        .tag("source", tag)
                        .register(meters))
                .increment();
    }

    /** Portal clients are a short, fixed list; people signing in through SSO are counted together. */
    private static String sourceTag(String source) {
        return source.startsWith("sso:") ? "sso" : source;
    }

    /** Not {@code @Scheduled}: a placeholder there would repeat the interval's default, which lives in MetricsProperties. */
    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedDelayTask(this::refresh, properties.refreshInterval());
    }

    void refresh() {
        try {
            Map<ErasureStatus, Long> backlog = new EnumMap<>(ErasureStatus.class);
            for (ErasureStatus status : ErasureStatus.UNANSWERED) {
                backlog.put(status, jdbc.sql("SELECT count(*) FROM erasure_request WHERE status = ?").param(status.name())
                        .query(Long.class).single());
            }
            Map<ErasureStatus, Long> dueSoon = new EnumMap<>(ErasureStatus.class);
            for (ErasureStatus status : ErasureStatus.AWAITING_PERSON) {
                dueSoon.put(status, jdbc.sql(DUE_SOON).param(status.name()).param(deadlineWarningSeconds).query(Long.class).single());
            }
            double oldest = jdbc.sql(OLDEST_OPEN).query(Double.class).single();
            double oldestHeld = jdbc.sql(OLDEST_HELD).query(Double.class).single();
            long overdue = jdbc.sql(OVERDUE).query(Long.class).single();
            snapshot = new Snapshot(backlog, dueSoon, oldest, oldestHeld, overdue);
        } catch (DataAccessException e) {
            log.debug("Backlog metrics not refreshed: {}", e.getClass().getSimpleName());
        }
    }
}
