package com.acme.privacy.quota;

import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Adds this replica's daily counts to the shared ones every {@code privacy.quota.flush-interval}. Registered here
 * rather than with {@code @Scheduled}, so that the interval's default lives in QuotaProperties only.
 */
@Component
class QuotaFlush implements SchedulingConfigurer {

    private final DailySubmissions counts;
    private final QuotaProperties properties;

    QuotaFlush(DailySubmissions counts, QuotaProperties properties) {
        this.counts = counts;
        this.properties = properties;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedDelayTask(counts::flush, properties.flushInterval());
    }
}
