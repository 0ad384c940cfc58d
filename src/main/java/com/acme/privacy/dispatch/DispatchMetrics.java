package com.acme.privacy.dispatch;

import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

import com.acme.privacy.MetricsProperties;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Whether this replica dispatches or stands down, whether Gong paused us, the pace and the daily budget. Pause and
 * budget are shared in PostgreSQL and read on a schedule; every replica reports them (aggregate with max).
 */
@Component
class DispatchMetrics implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(DispatchMetrics.class);

    private final MetricsProperties properties;
    private final DispatchPause pause;
    private final GongDailyBudget budget;
    private volatile DispatchPause.State pauseState = DispatchPause.State.NONE;
    private volatile int used;

    DispatchMetrics(MeterRegistry meters, Standby dispatcher, DispatchGate gate, DispatchPause pause, GongDailyBudget budget,
                    MetricsProperties properties) {
        this.properties = properties;
        this.pause = pause;
        this.budget = budget;
        Gauge.builder("privacy.dispatcher.active", dispatcher, d -> d.isLeader() ? 1 : 0)
                .description("1 on the replica that currently dispatches to Gong")
                .register(meters);
        for (StandDown reason : StandDown.values()) {
            Gauge.builder("privacy.dispatch.standing.down", dispatcher, d -> d.standingDown() == reason ? 1 : 0)
                    .description("1 while this replica stands back from dispatching although it could, by reason")
                    .tag("reason", reason.name().toLowerCase(Locale.ROOT))
                    .register(meters);
        }
        for (DispatchPause.Reason reason : DispatchPause.Reason.values()) {
            Gauge.builder("privacy.dispatch.paused", this, m -> m.paused(reason) ? 1 : 0)
                    .description("1 while Gong has paused all calls, by reason")
                    .tag("reason", reason.name().toLowerCase(Locale.ROOT))
                    .register(meters);
        }
        // Only the leader's pace is real; a standby's would spoil max() across pods.
        Gauge.builder("privacy.dispatch.pace", gate, g -> dispatcher.isLeader() ? g.callsPerSecond() : Double.NaN)
                .baseUnit("calls.per.second")
                .description("The pace Gong calls go at now; below calls-per-second after 429s").register(meters);
        Gauge.builder("gong.daily.budget.used", this, m -> m.used).baseUnit("calls")
                .description("Gong calls made today (UTC) by the whole deployment").register(meters);
        Gauge.builder("gong.daily.budget.remaining", this, m -> Math.max(0, m.budget.limit() - m.used)).baseUnit("calls")
                .description("Gong calls left today (UTC)").register(meters);
        Gauge.builder("gong.daily.budget.limit", budget, GongDailyBudget::limit).baseUnit("calls")
                .description("Gong calls allowed per UTC day").register(meters);
    }

    /** A reason that needs a human stays on between its retries, so that its alert does not flap. */
    private boolean paused(DispatchPause.Reason reason) {
        DispatchPause.State state = pauseState;
        return state.reason() == reason && (state.active() || state.needsAttention());
    }

    /** Not {@code @Scheduled}: a placeholder there would repeat the interval's default, which lives in MetricsProperties. */
    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedDelayTask(this::refresh, properties.refreshInterval());
    }

    void refresh() {
        try {
            pauseState = pause.current();
            used = budget.usedToday();
        } catch (DataAccessException e) {
            log.debug("Dispatch metrics not refreshed: {}", e.getClass().getSimpleName());
        }
    }
}
