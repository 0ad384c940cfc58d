package com.acme.privacy.export;

import java.sql.Timestamp;

import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs an export's query with rows fetched in batches. PostgreSQL's driver uses a cursor only inside a transaction and
 * with a fetch size; without either it would read every row of the range into memory before the first is written.
 * One REPEATABLE READ snapshot keeps the file consistent while rows are written.
 */
@Component
class StreamedQueries {

    private static final int FETCH_SIZE = 500;

    private final JdbcClient jdbc;
    private final TransactionTemplate snapshot;

    StreamedQueries(JdbcClient jdbc, PlatformTransactionManager transactionManager, ExportProperties properties) {
        this.jdbc = jdbc;
        this.snapshot = new TransactionTemplate(transactionManager);
        this.snapshot.setReadOnly(true);
        this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.snapshot.setTimeout((int) properties.timeout().toSeconds());
    }

    void each(String sql, ExportRange range, RowCallbackHandler row) {
        snapshot.executeWithoutResult(status -> jdbc.sql(sql)
                .params(Timestamp.from(range.from()), Timestamp.from(range.to()))
                .withFetchSize(FETCH_SIZE)
                .query(row));
    }
}
