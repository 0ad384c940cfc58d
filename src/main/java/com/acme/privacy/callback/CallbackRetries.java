package com.acme.privacy.callback;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.springframework.modulith.events.EventPublication;
import org.springframework.modulith.events.FailedEventPublications;
import org.springframework.modulith.events.ResubmissionOptions;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

import com.acme.privacy.ScheduledJobs;
import com.acme.privacy.erasure.ErasureRequestChanged;

import io.github.resilience4j.core.IntervalFunction;

/**
 * Sends failed callbacks again, each once its backoff has passed since its last try: {@code first-retry}, doubling up
 * to {@code longest-retry}, for {@code give-up-after} from the change. Older failures are dead letters: they wait for a
 * person to send them again from the console. One replica at a time looks.
 */
@Component
class CallbackRetries implements SchedulingConfigurer {

    /** Dead letters are the oldest failures and come first in the registry's reading; room for them and the rest. */
    private static final ResubmissionOptions READ = ResubmissionOptions.defaults().withBatchSize(1_000).withMaxInFlight(100);

    private final FailedEventPublications failed;
    private final CallbackProperties properties;
    private final ScheduledJobs jobs;
    private final IntervalFunction backoff;
    private final Clock clock;

    CallbackRetries(FailedEventPublications failed, CallbackProperties properties, ScheduledJobs jobs, Clock clock) {
        this.failed = failed;
        this.properties = properties;
        this.jobs = jobs;
        this.clock = clock;
        this.backoff = IntervalFunction.ofExponentialBackoff(properties.firstRetry(), 2, properties.longestRetry());
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedDelayTask(jobs.oneReplicaAtATime("callback-retries", Duration.ofMinutes(10), this::resendDue),
                properties.resendInterval());
    }

    void resendDue() {
        Instant now = clock.instant();
        failed.resubmit(READ.withFilter(publication -> isCallback(publication) && due(publication, now)));
    }

    /** Sends one dead letter again, on a person's word; it stays a dead letter should this try fail too. */
    void resend(UUID publication) {
        failed.resubmit(READ.withFilter(candidate -> isCallback(candidate) && candidate.getIdentifier().equals(publication)));
    }

    private boolean due(EventPublication publication, Instant now) {
        if (!publication.getPublicationDate().plus(properties.giveUpAfter()).isAfter(now)) {
            return false;
        }
        Instant last = publication.getLastResubmissionDate() != null ? publication.getLastResubmissionDate()
                : publication.getPublicationDate();
        return !now.isBefore(last.plusMillis(backoff.apply(publication.getCompletionAttempts() + 1)));
    }

    private static boolean isCallback(EventPublication publication) {
        return publication.getEvent() instanceof ErasureRequestChanged;
    }
}
