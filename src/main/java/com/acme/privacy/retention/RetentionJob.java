package com.acme.privacy.retention;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs retention every few minutes on a thread of its own, on every replica (their batches do not overlap). A day's
 * closed requests are handled within minutes of falling due.
 */
@Component
class RetentionJob implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);
    private static final long EVERY_MINUTES = 10;

    private final Retention retention;
    private final RetentionProperties properties;
    private volatile ScheduledExecutorService executor;

    RetentionJob(Retention retention, RetentionProperties properties) {
        this.retention = retention;
        this.properties = properties;
    }

    @Override
    public void start() {
        if (!properties.enabled()) {
            log.warn("Retention is off (privacy.retention.enabled=false): nothing is purged or anonymised");
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "retention");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::run, 1, EVERY_MINUTES, TimeUnit.MINUTES);
    }

    private void run() {
        try {
            int purged = retention.purgeDue();
            int anonymised = retention.anonymiseDue();
            if (purged + anonymised > 0) {
                log.info("Retention: {} request(s) purged, {} anonymised", purged, anonymised);
            }
        } catch (RuntimeException e) {
            // The next run tries again; a database outage must not end the schedule.
            log.warn("Retention run failed: {}", e.getClass().getSimpleName());
        }
    }

    @Override
    public void stop() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return executor != null && !executor.isShutdown();
    }
}
