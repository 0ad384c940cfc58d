package com.acme.privacy.bench;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import com.acme.privacy.testsupport.TestDatabases;

/**
 * A new database on the durable PostgreSQL named by {@code bench.database.url} (fsync on, unlike the embedded one
 * the tests use), for one benchmark run.
 */
final class BenchDatabase {

    private BenchDatabase() {
    }

    static TestDatabases.TestDatabase fresh(String name) {
        String adminUrl = adminUrl();
        String database = "bench_" + name;
        try (Connection connection = DriverManager.getConnection(adminUrl); Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + database);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create the benchmark database; is PostgreSQL at bench.database.url?", e);
        }
        URI address = URI.create(adminUrl.substring("jdbc:".length()));
        String url = "jdbc:postgresql://" + address.getHost() + ":" + address.getPort() + "/" + database;
        String user = parameter(address.getQuery(), "user", "postgres");
        return new TestDatabases.TestDatabase(url, user, parameter(address.getQuery(), "password", ""));
    }

    /** The server's administration database, outside every benchmark database and its settings. */
    static JdbcClient admin() {
        return JdbcClient.create(new DriverManagerDataSource(adminUrl()));
    }

    static JdbcClient client(TestDatabases.TestDatabase database) {
        return JdbcClient.create(new DriverManagerDataSource(database.url(), database.username(), database.password()));
    }

    private static String adminUrl() {
        return System.getProperty("bench.database.url", "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");
    }

    private static String parameter(String query, String name, String fallback) {
        if (query != null) {
            for (String pair : query.split("&")) {
                if (pair.startsWith(name + "=")) {
                    return pair.substring(name.length() + 1);
                }
            }
        }
        return fallback;
    }
}
