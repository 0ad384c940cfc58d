package com.acme.privacy;

import java.time.Clock;
import java.time.Duration;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;

/**
 * The jobs that one replica at a time may run (anchoring, verification, retention) run on Spring's scheduler under a
 * ShedLock lock row, whose times are the database's. A failed run is logged by its kind only, since a database
 * error's text may quote a value, and the schedule goes on.
 */
@Component
public class ScheduledJobs {

    private static final Logger log = LoggerFactory.getLogger(ScheduledJobs.class);

    private final LockingTaskExecutor locks;
    private final Clock clock;

    ScheduledJobs(DataSource dataSource, Clock clock) {
        this.locks = new DefaultLockingTaskExecutor(new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
                .withJdbcTemplate(new JdbcTemplate(dataSource))
                .usingDbTime()
                .build()));
        this.clock = clock;
    }

    /**
     * The job as a task for {@code ScheduledTaskRegistrar}: it runs only where its lock is free, and the lock outlives
     * a replica that died in the middle of it by at most {@code lockAtMostFor}.
     */
    public Runnable oneReplicaAtATime(String name, Duration lockAtMostFor, Runnable job) {
        return everyReplica(name, () -> locks.executeWithLock(job,
                new LockConfiguration(clock.instant(), name, lockAtMostFor, Duration.ZERO)));
    }

    /** The job as a task that runs on every replica, for work that is each replica's own. */
    public Runnable everyReplica(String name, Runnable job) {
        return () -> {
            try {
                job.run();
            } catch (RuntimeException e) {
                log.warn("Scheduled job {} failed: {}; it runs again at its next time", name, e.getClass().getSimpleName());
            }
        };
    }
}
