package com.acme.privacy.quota;

import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

import com.acme.privacy.ScheduledJobs;

/**
 * Adds this replica's daily counts to the shared ones every {@code privacy.quota.flush-interval}, on every replica:
 * each flushes what it counted itself. Registered here rather than with {@code @Scheduled}, so that the interval's
 * default lives in QuotaProperties only.
 */
@Component
class QuotaFlush implements SchedulingConfigurer {

    private final DailySubmissions counts;
    private final QuotaProperties properties;
    private final ScheduledJobs jobs;

    QuotaFlush(DailySubmissions counts, QuotaProperties properties, ScheduledJobs jobs) {
        this.counts = counts;
        this.properties = properties;
        this.jobs = jobs;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedDelayTask(jobs.everyReplica("quota-flush", counts::flush), properties.flushInterval());
    }
}
