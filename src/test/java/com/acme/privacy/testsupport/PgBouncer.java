package com.acme.privacy.testsupport;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.awaitility.Awaitility;

/**
 * A real PgBouncer in front of a test database, from Debian's {@code pgbouncer} package (which {@code .ci/run}
 * installs). Tests that need it are skipped where it is not installed.
 */
public final class PgBouncer implements AutoCloseable {

    private static final Path BINARY = Path.of("/usr/sbin/pgbouncer");

    private final Process process;
    private final int port;

    private PgBouncer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static boolean isInstalled() {
        return Files.isExecutable(BINARY);
    }

    /** Transaction pooling: every transaction may run on another server session. */
    public static PgBouncer transactionPooling(TestDatabases.TestDatabase database) throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Path directory = Files.createTempDirectory("pgbouncer");
        Path config = directory.resolve("pgbouncer.ini");
        Files.writeString(config, """
                [databases]
                * = host=%s port=%d user=%s
                [pgbouncer]
                listen_addr = 127.0.0.1
                listen_port = %d
                unix_socket_dir =
                auth_type = any
                pool_mode = transaction
                ignore_startup_parameters = extra_float_digits,options
                """.formatted(database.host(), database.port(), database.username(), port));
        List<String> command = new ArrayList<>(List.of(BINARY.toString()));
        if ("root".equals(System.getProperty("user.name"))) {
            // PgBouncer refuses to run as root.
            command.addAll(List.of("-u", "nobody"));
        }
        command.add(config.toString());
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(directory.resolve("pgbouncer.log").toFile()).start();
        PgBouncer bouncer = new PgBouncer(process, port);
        Awaitility.await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                return true;
            }
        });
        return bouncer;
    }

    /** The database's URL through this PgBouncer. Server-side prepared statements do not survive transaction pooling. */
    public String url(TestDatabases.TestDatabase database) {
        String url = database.via(port).url();
        return url + (url.contains("?") ? "&" : "?") + "prepareThreshold=0";
    }

    @Override
    public void close() {
        process.destroy();
    }
}
