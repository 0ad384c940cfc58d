package com.acme.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import com.acme.privacy.testsupport.FreshDatabase;

/** Two replicas' schedulers on one database: a one-at-a-time job runs on one of them, an every-replica job on both. */
@JdbcTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@FreshDatabase
@Transactional(propagation = Propagation.NOT_SUPPORTED)
class ScheduledJobsTest {

    @Autowired
    DataSource dataSource;

    @Test
    void aJobThatRunsOnOneReplicaIsSkippedWhileAnotherRunsIt() throws Exception {
        ScheduledJobs first = new ScheduledJobs(dataSource, Clock.systemUTC());
        ScheduledJobs second = new ScheduledJobs(dataSource, Clock.systemUTC());
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);

        CompletableFuture<Void> firstRun = CompletableFuture.runAsync(first.oneReplicaAtATime("retention", Duration.ofMinutes(5), () -> {
            runs.incrementAndGet();
            running.countDown();
            await(finish);
        }));
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
        second.oneReplicaAtATime("retention", Duration.ofMinutes(5), runs::incrementAndGet).run();
        second.oneReplicaAtATime("audit-anchor", Duration.ofMinutes(5), runs::incrementAndGet).run();
        finish.countDown();
        firstRun.get(10, TimeUnit.SECONDS);

        assertThat(runs).as("retention once, the anchor job beside it").hasValue(2);
        second.oneReplicaAtATime("retention", Duration.ofMinutes(5), runs::incrementAndGet).run();
        assertThat(runs).as("free again once the first run ended").hasValue(3);
    }

    @Test
    void aFailedRunIsLoggedAndTheScheduleGoesOn() {
        ScheduledJobs jobs = new ScheduledJobs(dataSource, Clock.systemUTC());
        AtomicInteger runs = new AtomicInteger();
        Runnable failing = jobs.everyReplica("quota-flush", () -> {
            runs.incrementAndGet();
            throw new IllegalStateException("database away");
        });
        assertThatCode(failing::run).doesNotThrowAnyException();
        assertThatCode(failing::run).doesNotThrowAnyException();
        assertThat(runs).hasValue(2);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
