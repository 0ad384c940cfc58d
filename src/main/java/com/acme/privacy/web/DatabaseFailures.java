package com.acme.privacy.web;

import java.net.SocketException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

import org.hibernate.TransactionException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionTimedOutException;

/**
 * Tells an unreachable database from a bug. A connection lost mid-transaction surfaces as whatever failed last
 * (often the rollback), so the whole cause chain is searched.
 */
final class DatabaseFailures {

    /** PostgreSQL: admin shutdown, crash shutdown, cannot connect now. */
    private static final Set<String> SHUTDOWN_STATES = Set.of("57P01", "57P02", "57P03");

    private DatabaseFailures() {
    }

    static boolean isUnavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof CannotCreateTransactionException || t instanceof DataAccessResourceFailureException
                    || t instanceof QueryTimeoutException || t instanceof TransactionTimedOutException
                    || t instanceof SQLTransientConnectionException || t instanceof SocketException
                    // Begin, commit or rollback failing against the connection: it is gone.
                    || t instanceof TransactionException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || SHUTDOWN_STATES.contains(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }
}
