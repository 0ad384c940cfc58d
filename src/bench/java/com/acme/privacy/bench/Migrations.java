package com.acme.privacy.bench;

import org.flywaydb.core.Flyway;

import com.acme.privacy.testsupport.TestDatabases;

/** The service's schema, for benchmarks that work on the tables directly. */
final class Migrations {

    private Migrations() {
    }

    static void apply(TestDatabases.TestDatabase database) {
        Flyway.configure().dataSource(database.url(), database.username(), database.password())
                .locations("classpath:db/migration").load().migrate();
    }
}
