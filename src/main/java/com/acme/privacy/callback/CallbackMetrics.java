package com.acme.privacy.callback;

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
import com.acme.privacy.erasure.ErasureRequestChanged;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Deliveries per portal and result, and the deployment-wide backlog of undelivered callbacks: those still retried, and
 * the dead letters that wait for a person.
 */
@Component
class CallbackMetrics implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(CallbackMetrics.class);
    private static final String UNDELIVERED = """
            SELECT count(*) FILTER (WHERE publication_date >= now() - make_interval(secs => :giveUpAfter)) AS retrying,
                   count(*) FILTER (WHERE publication_date < now() - make_interval(secs => :giveUpAfter)) AS dead
            FROM event_publication WHERE event_type = :type AND completion_date IS NULL""";

    private final JdbcClient jdbc;
    private final MeterRegistry meters;
    private final MetricsProperties metricsProperties;
    private final long giveUpAfterSeconds;
    private final Map<String, Counter> results = new ConcurrentHashMap<>();
    private volatile long retrying;
    private volatile long dead;

    CallbackMetrics(JdbcClient jdbc, MeterRegistry meters, MetricsProperties metricsProperties, CallbackProperties properties) {
        this.jdbc = jdbc;
        this.meters = meters;
        this.metricsProperties = metricsProperties;
        this.giveUpAfterSeconds = properties.giveUpAfter().toSeconds();
        Gauge.builder("privacy.callbacks.undelivered", this, m -> m.retrying).tag("state", "retrying")
                .description("Callbacks not delivered yet and still retried (deployment-wide)").register(meters);
        Gauge.builder("privacy.callbacks.undelivered", this, m -> m.dead).tag("state", "dead_lettered")
                .description("Callbacks given up after privacy.callbacks.give-up-after; a person may send them again").register(meters);
    }

    void delivered(CallbackProperties.Portal portal) {
        count(portal, "delivered");
    }

    void failed(CallbackProperties.Portal portal) {
        count(portal, "failed");
    }

    private void count(CallbackProperties.Portal portal, String result) {
        results.computeIfAbsent(portal.source() + "|" + result, key -> Counter.builder("privacy.callbacks.deliveries")
                .description("Callback deliveries by portal and result").tag("portal", portal.source()).tag("result", result)
                .register(meters)).increment();
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedDelayTask(this::refresh, metricsProperties.refreshInterval());
    }

    void refresh() {
        try {
            jdbc.sql(UNDELIVERED).param("giveUpAfter", giveUpAfterSeconds).param("type", ErasureRequestChanged.class.getName())
                    .query(rs -> {
                        retrying = rs.getLong("retrying");
                        dead = rs.getLong("dead");
                    });
        } catch (DataAccessException e) {
            log.debug("Callback metrics not refreshed: {}", e.getClass().getSimpleName());
        }
    }
}
