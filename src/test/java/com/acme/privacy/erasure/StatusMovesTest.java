package com.acme.privacy.erasure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import com.acme.privacy.testsupport.FreshDatabase;

/** The code's transition table and the database's are the same, and the database refuses any other move. */
@JdbcTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@FreshDatabase
@Transactional(propagation = Propagation.NOT_SUPPORTED)
class StatusMovesTest {

    private static final Instant LONG_AGO = Instant.parse("2026-01-01T00:00:00Z");

    @Autowired
    JdbcClient jdbc;

    private record Pair(String from, String to) {
    }

    private static Set<Pair> codeTable() {
        Set<Pair> pairs = new HashSet<>();
        for (StatusMove move : StatusMove.values()) {
            move.from().forEach(from -> pairs.add(new Pair(from.name(), move.to().name())));
        }
        return pairs;
    }

    private UUID inStatus(ErasureStatus status) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO erasure_request (id, email_ciphertext, email_key_id, email_hash, source, regulation, received_at, due_at,
                    status, created_at, updated_at, status_changed_at)
                VALUES (?, '\\x01', 'k1', ?, 'crm', 'GDPR', ?, ?, ?, ?, ?, ?)""")
                .params(id, id.toString().getBytes(), Timestamp.from(LONG_AGO), Timestamp.from(LONG_AGO.plusSeconds(86_400 * 30)),
                        status.name(), Timestamp.from(LONG_AGO), Timestamp.from(LONG_AGO), Timestamp.from(LONG_AGO))
                .update();
        return id;
    }

    private void move(UUID id, ErasureStatus to) {
        jdbc.sql("UPDATE erasure_request SET status = ? WHERE id = ?").params(to.name(), id).update();
    }

    @Test
    void theDatabaseHoldsTheCodesTable() {
        Set<Pair> database = new HashSet<>(jdbc.sql("SELECT from_status, to_status FROM erasure_status_move")
                .query((rs, row) -> new Pair(rs.getString(1), rs.getString(2))).list());
        assertThat(database).isEqualTo(codeTable());
        for (ErasureStatus status : ErasureStatus.values()) {
            assertThat(status.allowedNext()).allSatisfy(next -> assertThat(codeTable()).contains(new Pair(status.name(), next.name())));
        }
    }

    @Test
    void everyMoveTheCodeNamesPassesTheDatabaseAndRestartsTheStatusClock() {
        for (StatusMove move : StatusMove.values()) {
            for (ErasureStatus from : move.from()) {
                UUID id = inStatus(from);
                move(id, move.to());
                assertThat(jdbc.sql("SELECT status FROM erasure_request WHERE id = ?").param(id).query(String.class).single())
                        .as(move.name()).isEqualTo(move.to().name());
                assertThat(jdbc.sql("SELECT status_changed_at FROM erasure_request WHERE id = ?").param(id).query(Timestamp.class)
                        .single().toInstant()).as("the clock of " + move.name()).isAfter(LONG_AGO);
            }
        }
    }

    @Test
    void theDatabaseRefusesEveryOtherMoveWhoeverMakesIt() {
        Set<Pair> allowed = codeTable();
        int refused = 0;
        for (ErasureStatus from : ErasureStatus.values()) {
            for (ErasureStatus to : ErasureStatus.values()) {
                if (from == to || allowed.contains(new Pair(from.name(), to.name()))) {
                    continue;
                }
                UUID id = inStatus(from);
                assertThatThrownBy(() -> move(id, to)).as(from + " -> " + to).isInstanceOf(DataIntegrityViolationException.class)
                        .hasMessageContaining("cannot become");
                refused++;
            }
        }
        assertThat(refused).isEqualTo(ErasureStatus.values().length * (ErasureStatus.values().length - 1) - allowed.size());
    }

    @Test
    void changesThatKeepTheStatusLeaveItsClockAlone() {
        UUID id = inStatus(ErasureStatus.SUBMITTED);
        jdbc.sql("UPDATE erasure_request SET status = 'SUBMITTED', due_at = due_at + interval '30 days', updated_at = now() WHERE id = ?")
                .param(id).update();
        assertThat(jdbc.sql("SELECT status_changed_at FROM erasure_request WHERE id = ?").param(id).query(Timestamp.class).single()
                .toInstant()).isEqualTo(LONG_AGO);
    }

    @Test
    void theStatusSetsAreConsistent() {
        assertThat(ErasureStatus.OPEN).isSubsetOf(ErasureStatus.UNANSWERED);
        assertThat(ErasureStatus.AWAITING_PERSON).isSubsetOf(ErasureStatus.UNANSWERED);
        assertThat(ErasureStatus.CLOSED).doesNotContainAnyElementsOf(ErasureStatus.UNANSWERED);
        assertThat(ErasureStatus.CLOSED).allSatisfy(closed -> assertThat(closed.allowedNext()).isEmpty());
        assertThat(Arrays.stream(StatusMove.values()).map(StatusMove::to)).doesNotContain(ErasureStatus.HELD);
    }
}
