package com.acme.privacy.dispatch;

import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.stereotype.Component;

/**
 * One active dispatcher per database, elected by a PostgreSQL session advisory lock. A Resilience4j rate limiter is
 * per JVM; with a single active dispatcher it paces the whole deployment.
 * <p>
 * The lock lives on a session of its own, outside the connection pool, so that giving up the lead can close it
 * outright. PostgreSQL frees the lock when the session ends; to notice a vanished replica within
 * {@code failover-timeout} rather than the operating system's two hours, the session sets the server's own TCP
 * keepalives and {@code tcp_user_timeout}. A transaction-pooling proxy would hand our statements to other sessions,
 * where the lock does not hold: that is detected and dispatching refused.
 */
@Component
class DispatchLeadership {

    private static final Logger log = LoggerFactory.getLogger(DispatchLeadership.class);
    /** How many times the lock session and a second session take turns to look for a shared backend. */
    private static final int POOLING_PROBES = 3;
    // Advisory-lock namespace 2 is the dispatcher's (1 is the audit trail's).
    static final String POOLING_REFUSAL = "A transaction-pooling proxy (e.g. PgBouncer with pool_mode=transaction) sits "
            + "between the service and PostgreSQL: the dispatcher's advisory lock would not hold. Connect the service "
            + "directly or through session pooling; dispatching is refused";

    private final JdbcConnectionDetails database;
    private final Duration failoverTimeout;
    private final AtomicReference<LockSession> session = new AtomicReference<>();
    private volatile boolean leading;
    private volatile boolean closed;
    private volatile String refusal;
    private volatile long term;

    DispatchLeadership(JdbcConnectionDetails database, DispatchProperties properties) {
        this.database = database;
        this.failoverTimeout = properties.failoverTimeout();
    }

    /** SQL that is true while the backend {@code backend} (an SQL expression) holds the dispatcher's lock. */
    static String heldBy(String backend) {
        return "EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND classid = 2 AND objid = 1 AND objsubid = 2 "
                + "AND granted AND pid = " + backend + ")";
    }

    /** The backend that holds the lock for this replica, or 0 when it does not lead. */
    int backend() {
        LockSession current = session.get();
        return current == null ? 0 : current.lockBackend();
    }

    /**
     * Confirms the lead, or takes it when free; {@code false} when another replica leads, the database is unreachable
     * or dispatching was refused. Called at the start of every round.
     */
    synchronized boolean lead() {
        if (confirm()) {
            return true;
        }
        if (refusal != null || closed) {
            return false;
        }
        LockSession candidate = null;
        try {
            candidate = LockSession.open(database, failoverTimeout);
            if (candidate.tryLock()) {
                if (behindTransactionPooling(candidate)) {
                    refuse();
                    candidate.unlockAll();
                    candidate.close();
                    return false;
                }
                session.set(candidate);
                term++;
                leading = true;
                log.info("This replica is now the active dispatcher");
                return true;
            }
            candidate.close();
        } catch (SQLException e) {
            log.warn("Could not reach the database to elect a dispatcher: {}", e.getSQLState());
            if (candidate != null) {
                candidate.close();
            }
        }
        return false;
    }

    /**
     * Two sessions of a direct or session-pooled connection never share a backend. A transaction-pooling proxy hands
     * the idle backend our lock statement just used to the next client, so a second session sees the same one, unless
     * another client's transaction took it in between: the lock session and the probe take turns a few times, so that
     * one such interleaving cannot hide the proxy. A lock session that lands on another backend gives it away too;
     * later, under load, {@link LockSession#check} catches that on every round.
     */
    private boolean behindTransactionPooling(LockSession lockSession) throws SQLException {
        LockSession probe = LockSession.open(database, failoverTimeout);
        try {
            for (int turn = 0; turn < POOLING_PROBES; turn++) {
                if (lockSession.check() != LockSession.Hold.HELD || probe.backend() == lockSession.lockBackend()) {
                    return true;
                }
            }
            return false;
        } finally {
            probe.close();
        }
    }

    /**
     * Whether this replica still holds the lead it took; never takes it. Called right before every Gong call, so that
     * a replica that lost the lead meanwhile (and whose claims the new leader has put back) does not call.
     */
    boolean confirm() {
        LockSession current = session.get();
        if (current == null) {
            return false;
        }
        LockSession.Hold hold = current.check();
        if (hold == LockSession.Hold.HELD) {
            return true;
        }
        if (hold == LockSession.Hold.OTHER_BACKEND) {
            refuse();
        } else {
            log.warn("Lost the dispatcher lock; standing by");
        }
        resign();
        return false;
    }

    /** At shutdown: gives up the lead and never takes it again, whatever thread still runs. */
    void close() {
        closed = true;
        resign();
    }

    private void refuse() {
        refusal = POOLING_REFUSAL;
        log.error(POOLING_REFUSAL);
    }

    /** As of the last check; never waits for the database, so health and metrics stay responsive. */
    boolean isLeader() {
        return leading;
    }

    /** Counts the times this replica took the lead, so that the dispatcher sees a new term begin. */
    long term() {
        return term;
    }

    /** Why this replica will not dispatch at all, or {@code null}. */
    String refusal() {
        return refusal;
    }

    /**
     * Ends the lock's session, and with it the lock. Safe from any thread, also while another thread is blocked on
     * that session: the watchdog uses it to hand the lead to another replica.
     */
    void resign() {
        LockSession previous = session.getAndSet(null);
        leading = false;
        if (previous != null) {
            previous.close();
            log.info("Gave up the dispatcher lead");
        }
    }

    /** A setting of the lock's session, for tests; {@code null} when not leading. */
    String sessionSetting(String name) throws SQLException {
        LockSession current = session.get();
        return current == null ? null : current.show(name);
    }
}
