package com.acme.privacy.erasure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import com.acme.privacy.erasure.StoredRequests.NewRequest;
import com.acme.privacy.pii.EmailAddress;
import com.acme.privacy.pii.PhoneNumber;
import com.acme.privacy.pii.Sealed;
import com.acme.privacy.pii.SealedIdentifier;
import com.acme.privacy.testsupport.FreshDatabase;

import tools.jackson.databind.json.JsonMapper;

/**
 * Submissions that arrive while a write is at the database (held there by a table lock, so that the others are
 * certainly queued behind it), and many at once through two write slots.
 */
@JdbcTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Transactional(propagation = Propagation.NOT_SUPPORTED)
@FreshDatabase
class GroupCommitTest {

    private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DataSource dataSource;

    GroupCommit commit;
    Connection lockHolder;

    @BeforeEach
    void setUp() {
        commit = new GroupCommit(new StoredRequests(jdbc, JsonMapper.builder().build()), properties(1));
    }

    @AfterEach
    void tearDown() throws SQLException {
        if (lockHolder != null) {
            lockHolder.rollback();
            lockHolder.close();
        }
    }

    private static ErasureProperties properties(int intakeConnections) {
        return new ErasureProperties(Duration.ofDays(30), Duration.ofMinutes(5), Duration.ofDays(90), Duration.ofMinutes(10),
                Duration.ofDays(30), Duration.ofDays(7), intakeConnections);
    }

    private void lockTheTable() throws SQLException {
        lockHolder = dataSource.getConnection();
        lockHolder.setAutoCommit(false);
        try (Statement statement = lockHolder.createStatement()) {
            statement.execute("LOCK TABLE erasure_request IN SHARE MODE");
        }
    }

    private static NewRequest request(String subject, boolean withPhone, String idempotencyKey, byte[] fingerprint) {
        UUID id = UUID.randomUUID();
        ErasureSubmission submission = new ErasureSubmission(new EmailAddress("x@example.com"),
                withPhone ? new PhoneNumber("+14155550100") : null, Regulation.GDPR, "crm", "ticket-1", NOW, idempotencyKey,
                null, null, false);
        ErasureRequest request = new ErasureRequest(id, submission, sealed(subject, id, "x***@example.com"),
                withPhone ? sealed(subject + "-phone", id, "+1415*****00") : null, fingerprint, NOW, NOW.plus(30, ChronoUnit.DAYS), NOW);
        return new NewRequest(request, "client:test", Map.of("source", "crm"));
    }

    private static SealedIdentifier sealed(String hash, UUID id, String masked) {
        return new SealedIdentifier(new Sealed("k1", new byte[] {1}, id), hash.getBytes(), "h1", masked);
    }

    private static NewRequest request(String subject) {
        return request(subject, false, null, null);
    }

    /** The first submission: it takes the only write slot and waits at the lock. */
    private CompletableFuture<Boolean> writing(NewRequest request) throws SQLException {
        lockTheTable();
        CompletableFuture<Boolean> outcome = start(request).outcome();
        await().until(() -> jdbc.queryForObject("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                + " AND datname = current_database()", Integer.class) == 1);
        return outcome;
    }

    /** A later one: queued behind the write, and parked. */
    private CompletableFuture<Boolean> queued(NewRequest request) {
        Submitter submitter = start(request);
        await().until(() -> submitter.thread().getState() == Thread.State.WAITING);
        return submitter.outcome();
    }

    private Submitter start(NewRequest request) {
        CompletableFuture<Boolean> outcome = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                outcome.complete(commit.store(request));
            } catch (RuntimeException e) {
                outcome.completeExceptionally(e);
            }
        });
        // A submitter a broken commit leaves parked must not keep the test JVM from exiting.
        thread.setDaemon(true);
        thread.start();
        return new Submitter(thread, outcome);
    }

    private record Submitter(Thread thread, CompletableFuture<Boolean> outcome) {
    }

    /** Bounded, so that a submitter left waiting fails the test instead of hanging the build. */
    private static boolean answer(CompletableFuture<Boolean> outcome) {
        return outcome.orTimeout(30, TimeUnit.SECONDS).join();
    }

    private void releaseTheLock() throws SQLException {
        lockHolder.commit();
    }

    private String transactionOf(NewRequest request) {
        return jdbc.queryForObject("SELECT xmin::text FROM erasure_request WHERE id = ?", String.class, request.request().getId());
    }

    private List<String> eventsOf(NewRequest request) {
        return jdbc.queryForList("SELECT kind FROM audit_event WHERE request_id = ?", String.class, request.request().getId());
    }

    @Test
    void requestsThatArriveWhileAWriteIsAtTheDatabaseAreStoredInOneTransactionTogether() throws SQLException {
        NewRequest first = request("subject-0");
        // Each column given and left empty in one statement.
        List<NewRequest> later = List.of(request("subject-1"), request("subject-2", true, "key-2", new byte[] {2}), request("subject-3"));
        CompletableFuture<Boolean> firstStored = writing(first);
        List<CompletableFuture<Boolean>> laterStored = later.stream().map(this::queued).toList();

        assertThat(firstStored).isNotDone();
        assertThat(laterStored).noneMatch(CompletableFuture::isDone);
        releaseTheLock();

        assertThat(answer(firstStored)).isTrue();
        assertThat(laterStored).allMatch(GroupCommitTest::answer);
        assertThat(later.stream().map(this::transactionOf).distinct()).hasSize(1).doesNotContain(transactionOf(first));
        assertThat(later).allSatisfy(request -> assertThat(eventsOf(request)).containsExactly("RECEIVED"));
        assertThat(jdbc.queryForMap("SELECT phone_masked, idempotency_key, external_reference FROM erasure_request WHERE id = ?",
                later.get(1).request().getId())).containsEntry("phone_masked", "+1415*****00").containsEntry("idempotency_key", "key-2")
                .containsEntry("external_reference", "ticket-1");
        assertThat(jdbc.queryForObject("SELECT phone_hash IS NULL FROM erasure_request WHERE id = ?", Boolean.class,
                later.get(0).request().getId())).isTrue();
    }

    @Test
    void aRequestThatMeetsAnotherInTheSameTransactionIsTurnedAwayAlone() throws SQLException {
        CompletableFuture<Boolean> firstStored = writing(request("subject-4"));
        CompletableFuture<Boolean> original = queued(request("subject-5"));
        CompletableFuture<Boolean> repeat = queued(request("subject-5"));
        CompletableFuture<Boolean> other = queued(request("subject-6"));

        releaseTheLock();

        assertThat(answer(firstStored)).isTrue();
        assertThat(answer(original)).as("the first of the two for one subject").isTrue();
        assertThat(answer(repeat)).as("left to intake's slow path, which finds the original").isFalse();
        assertThat(answer(other)).isTrue();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM erasure_request WHERE email_hash = ?", Integer.class,
                (Object) "subject-5".getBytes())).isEqualTo(1);
    }

    @Test
    void aRequestTheDatabaseRefusesFailsAloneAndTheOthersQueuedWithItAreStored() throws SQLException {
        CompletableFuture<Boolean> firstStored = writing(request("subject-7"));
        NewRequest before = request("subject-8");
        NewRequest after = request("subject-9");
        CompletableFuture<Boolean> beforeStored = queued(before);
        // An Idempotency-Key without its fingerprint breaks a check constraint.
        NewRequest faulty = request("subject-10", false, "key-1", null);
        CompletableFuture<Boolean> faultyStored = queued(faulty);
        CompletableFuture<Boolean> afterStored = queued(after);

        releaseTheLock();

        assertThat(answer(firstStored)).isTrue();
        assertThat(answer(beforeStored)).isTrue();
        assertThat(answer(afterStored)).isTrue();
        assertThat(faultyStored).failsWithin(Duration.ofSeconds(10)).withThrowableThat()
                .havingCause().isInstanceOf(DataIntegrityViolationException.class);
        assertThat(List.of(before, after)).allSatisfy(request -> assertThat(eventsOf(request)).containsExactly("RECEIVED"));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM erasure_request WHERE id = ?", Integer.class,
                faulty.request().getId())).isZero();
    }

    @Test
    void manySubmittersThroughTwoSlotsAreEachStoredOnceAndAnswered() throws Exception {
        GroupCommit twoSlots = new GroupCommit(new StoredRequests(jdbc, JsonMapper.builder().build()), properties(2));
        ExecutorService submitters = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> outcomes = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                NewRequest request = request("many-" + i);
                outcomes.add(submitters.submit(() -> twoSlots.store(request)));
            }
            for (Future<Boolean> outcome : outcomes) {
                assertThat(outcome.get(30, TimeUnit.SECONDS)).isTrue();
            }
        } finally {
            submitters.shutdownNow();
        }
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM erasure_request r JOIN audit_event e ON e.request_id = r.id AND e.kind = 'RECEIVED'
                WHERE position(convert_to('many-', 'UTF8') IN r.email_hash) = 1""", Integer.class)).isEqualTo(400);
    }
}
