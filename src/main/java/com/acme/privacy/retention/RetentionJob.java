package com.acme.privacy.retention;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

import com.acme.privacy.ScheduledJobs;
import com.acme.privacy.erasure.lifecycle.RequestRetention;

/** Runs retention every few minutes on one replica at a time: a day's closed requests go within minutes of falling due. */
@Component
class RetentionJob implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);
    private static final Duration EVERY = Duration.ofMinutes(10);
    /** Batches are short; a replica that died mid-run holds the job no longer than this. */
    private static final Duration LOCK_AT_MOST = Duration.ofMinutes(30);

    private final RequestRetention retention;
    private final RetentionProperties properties;
    private final ScheduledJobs jobs;

    RetentionJob(RequestRetention retention, RetentionProperties properties, ScheduledJobs jobs) {
        this.retention = retention;
        this.properties = properties;
        this.jobs = jobs;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        if (!properties.enabled()) {
            log.warn("Retention is off (privacy.retention.enabled=false): nothing is purged or anonymised");
            return;
        }
        tasks.addFixedDelayTask(new FixedDelayTask(jobs.oneReplicaAtATime("retention", LOCK_AT_MOST, this::run), EVERY,
                Duration.ofMinutes(1)));
    }

    void run() {
        int purged = retention.purgeClosedFor(properties.purgeAfter());
        int anonymised = retention.anonymiseClosedFor(properties.anonymiseAfter());
        if (purged + anonymised > 0) {
            log.info("Retention: {} request(s) purged, {} anonymised", purged, anonymised);
        }
    }
}
