package com.acme.privacy.evidence;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs anchoring and the global verification on a thread of their own: a verification of millions of events takes
 * minutes and must not hold up the shared scheduler that refreshes the metrics. Every replica checks each minute
 * whether either is due; PostgreSQL locks let one replica do it.
 */
@Component
class EvidenceJobs implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EvidenceJobs.class);
    private static final long CHECK_EVERY_MINUTES = 1;

    private final AuditAnchors anchors;
    private final AuditVerification verification;
    private volatile ScheduledExecutorService executor;

    EvidenceJobs(AuditAnchors anchors, AuditVerification verification) {
        this.anchors = anchors;
        this.verification = verification;
    }

    @Override
    public void start() {
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "audit-evidence");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::runDue, CHECK_EVERY_MINUTES, CHECK_EVERY_MINUTES, TimeUnit.MINUTES);
    }

    private void runDue() {
        try {
            anchors.anchorIfDue().ifPresent(anchor -> log.info("Audit anchor {} taken over {} request(s)", anchor.id(), anchor.requests()));
            verification.verifyIfDue().ifPresent(result -> log.info("Audit trails verified: {} request(s), {} broken",
                    result.requests(), result.chainsBroken()));
        } catch (RuntimeException e) {
            // The next minute tries again; a database outage must not end the schedule.
            log.warn("Audit evidence job failed: {}", e.getClass().getSimpleName());
        }
    }

    @Override
    public void stop() {
        executor.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return executor != null && !executor.isShutdown();
    }
}
