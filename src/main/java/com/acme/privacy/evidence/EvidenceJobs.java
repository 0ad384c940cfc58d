package com.acme.privacy.evidence;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

import com.acme.privacy.ScheduledJobs;

/**
 * Anchoring and the global verification: each replica checks every minute whether one is due, and one replica at a
 * time runs each. A verification of millions of events takes minutes; the scheduler has threads enough that the
 * metrics refreshes go on meanwhile.
 */
@Component
class EvidenceJobs implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(EvidenceJobs.class);
    private static final Duration CHECK_EVERY = Duration.ofMinutes(1);
    /** Both bound their own transactions to 30 minutes. */
    private static final Duration LOCK_AT_MOST = Duration.ofMinutes(45);

    private final AuditAnchors anchors;
    private final AuditVerification verification;
    private final ScheduledJobs jobs;

    EvidenceJobs(AuditAnchors anchors, AuditVerification verification, ScheduledJobs jobs) {
        this.anchors = anchors;
        this.verification = verification;
        this.jobs = jobs;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedDelayTask(new FixedDelayTask(jobs.oneReplicaAtATime("audit-anchor", LOCK_AT_MOST, this::anchor), CHECK_EVERY,
                CHECK_EVERY));
        tasks.addFixedDelayTask(new FixedDelayTask(jobs.oneReplicaAtATime("audit-verification", LOCK_AT_MOST, this::verify),
                CHECK_EVERY, CHECK_EVERY));
    }

    private void anchor() {
        anchors.anchorIfDue().ifPresent(anchor -> log.info("Audit anchor {} taken over {} request(s)", anchor.id(), anchor.requests()));
    }

    private void verify() {
        verification.verifyIfDue().ifPresent(result -> log.info("Audit trails verified: {} request(s), {} broken",
                result.requests(), result.chainsBroken()));
    }
}
