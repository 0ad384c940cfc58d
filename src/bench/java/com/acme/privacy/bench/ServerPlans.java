package com.acme.privacy.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.simple.JdbcClient;

import com.acme.privacy.testsupport.TestDatabases;

/**
 * The plans PostgreSQL chose for what a service process really sent, not for a copy of its SQL: while open, every new
 * session of the benchmark database loads auto_explain, which logs each statement's EXPLAIN (ANALYZE, BUFFERS) to the
 * server log; {@link #since} reads that log back through {@code pg_read_file}. Sessions opened before are untouched,
 * so start the service after {@link #capture} and measure with another. Needs a superuser and the log's path on the
 * server ({@code bench.database.log}; Debian's by default).
 */
final class ServerPlans implements AutoCloseable {

    /** Where a log entry starts: a line beginning with its time stamp; a plan's own lines follow indented. */
    private static final Pattern ENTRY_START = Pattern.compile("^(?=\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2})", Pattern.MULTILINE);

    private final JdbcClient jdbc;
    private final String database;
    private final String log = System.getProperty("bench.database.log", "/var/log/postgresql/postgresql-15-main.log");

    private ServerPlans(JdbcClient jdbc, String database) {
        this.jdbc = jdbc;
        this.database = database;
    }

    static ServerPlans capture(TestDatabases.TestDatabase database) {
        // From the administration database: a session of the benchmark database opened now would log its own plans.
        ServerPlans plans = new ServerPlans(BenchDatabase.admin(), database.url().substring(database.url().lastIndexOf('/') + 1));
        for (String setting : List.of("session_preload_libraries = 'auto_explain'", "auto_explain.log_min_duration = 0",
                "auto_explain.log_analyze = on", "auto_explain.log_buffers = on")) {
            plans.jdbc.sql("ALTER DATABASE " + plans.database + " SET " + setting).update();
        }
        return plans;
    }

    /** Where the server log ends now. */
    long mark() {
        return jdbc.sql("SELECT (pg_stat_file(?)).size").param(log).query(Long.class).single();
    }

    /** The plans this database's sessions logged after {@code mark}, one entry each. */
    List<String> since(long mark) {
        String text = jdbc.sql("SELECT pg_read_file(?, ?, (pg_stat_file(?)).size - ?)").param(log).param(mark).param(log).param(mark)
                .query(String.class).single();
        List<String> plans = new ArrayList<>();
        for (String entry : ENTRY_START.split(text)) {
            if (entry.contains("@" + database + " ") && entry.contains("plan:")) {
                plans.add(entry.substring(entry.indexOf("duration:")).strip());
            }
        }
        return plans;
    }

    @Override
    public void close() {
        jdbc.sql("ALTER DATABASE " + database + " RESET ALL").update();
    }
}
