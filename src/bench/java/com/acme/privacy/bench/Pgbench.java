package com.acme.privacy.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.acme.privacy.testsupport.TestDatabases;

/** The reference: bare SQL run by PostgreSQL's own pgbench against the same database, in the same run. */
final class Pgbench {

    private Pgbench() {
    }

    /** Transactions per second of {@code script}, with pgbench's {@code options} (clients, duration or count). */
    static double tps(TestDatabases.TestDatabase database, String script, String... options) throws Exception {
        Path file = Files.createTempFile("pgbench", ".sql");
        Files.writeString(file, script);
        List<String> command = new ArrayList<>(List.of("pgbench", "-n", "-h", database.host(), "-p", String.valueOf(database.port()),
                "-U", database.username(), "-f", file.toString()));
        command.addAll(List.of(options));
        command.add(database.url().substring(database.url().lastIndexOf('/') + 1));
        Process pgbench = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(pgbench.getInputStream().readAllBytes());
        if (pgbench.waitFor() != 0 || !output.contains("tps = ")) {
            throw new IllegalStateException("pgbench failed:\n" + output);
        }
        String tps = output.substring(output.indexOf("tps = ") + 6);
        return Double.parseDouble(tps.substring(0, tps.indexOf(' ')));
    }
}
