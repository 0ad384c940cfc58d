package com.acme.privacy.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;

import com.acme.privacy.testsupport.GongSandbox;
import com.acme.privacy.testsupport.ServiceInstance;
import com.acme.privacy.testsupport.TestDatabases;

/**
 * The packaged jar in a process of its own, configured only through the environment variables the README documents,
 * as in production. {@link #kill()} is SIGKILL: no shutdown hook runs.
 */
final class ServiceProcess implements AutoCloseable {

    static final String API_KEY = "bench-api-key";

    private final Process process;
    private final int port;
    private final int managementPort;
    private final HttpClient http = HttpClient.newHttpClient();

    private ServiceProcess(Process process, int port, int managementPort) {
        this.process = process;
        this.port = port;
        this.managementPort = managementPort;
    }

    /** What every replica of one deployment shares: database, Gong, keys, one API client. */
    static Map<String, String> deployment(TestDatabases.TestDatabase database, GongSandbox sandbox) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("DATABASE_URL", database.url());
        env.put("DATABASE_USERNAME", database.username());
        env.put("DATABASE_PASSWORD", database.password());
        env.put("PRIVACY_PII_ENCRYPTIONKEYS_BENCH", ServiceInstance.Deployment.randomKey());
        env.put("PRIVACY_PII_ACTIVE_KEY_ID", "bench");
        env.put("PRIVACY_PII_HASH_KEY", ServiceInstance.Deployment.randomKey());
        env.put("PRIVACY_EVIDENCE_EPHEMERAL_KEYS", "true");
        env.put("PRIVACY_GONG_BASE_URL", sandbox.baseUrl());
        env.put("PRIVACY_GONG_ACCESS_KEY", GongSandbox.ACCESS_KEY);
        env.put("PRIVACY_GONG_ACCESS_KEY_SECRET", GongSandbox.ACCESS_KEY_SECRET);
        apiKey(env, 0, "bench", API_KEY, "SUBMITTER,VIEWER");
        // The load generator is one client submitting far beyond any portal's quota.
        env.put("PRIVACY_QUOTA_CLIENTS_0_CLIENT", "bench");
        env.put("PRIVACY_QUOTA_CLIENTS_0_PER_SECOND", "1000000");
        env.put("PRIVACY_QUOTA_CLIENTS_0_PER_DAY", "1000000000");
        return env;
    }

    /** Adds the API key at {@code index} of the deployment's list; 0 is the bench client's. */
    static void apiKey(Map<String, String> deployment, int index, String client, String key, String roles) {
        String prefix = "PRIVACY_SECURITY_APIKEYS_" + index + "_";
        deployment.put(prefix + "CLIENT", client);
        deployment.put(prefix + "SHA256", sha256(key));
        deployment.put(prefix + "ROLES", roles);
    }

    static ServiceProcess start(String replica, Map<String, String> deployment) throws IOException {
        int port = freePort();
        int managementPort = freePort();
        Path log = Path.of(System.getProperty("bench.results", "target/bench"), "logs", replica + ".log");
        Files.createDirectories(log.getParent());
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(List.of(java, "-jar", System.getProperty("bench.jar")))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(deployment);
        builder.environment().put("SERVER_PORT", String.valueOf(port));
        builder.environment().put("MANAGEMENT_SERVER_PORT", String.valueOf(managementPort));
        builder.environment().put("PRIVACY_DISPATCH_REPLICA_ID", replica);
        if (Boolean.getBoolean("bench.jfr")) {
            // -Dbench.jfr=true: a JFR profile of each replica, next to its log.
            builder.environment().put("JAVA_TOOL_OPTIONS", "-XX:StartFlightRecording=settings=profile,filename="
                    + log.resolveSibling(replica + ".jfr"));
        }
        ServiceProcess service = new ServiceProcess(builder.start(), port, managementPort);
        Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .until(() -> service.management("/actuator/health/readiness").statusCode() == 200);
        return service;
    }

    int port() {
        return port;
    }

    /**
     * CPU seconds the process has used so far, user and system, from {@code /proc}: what a request costs the service
     * itself, which a shared machine's noise moves far less than throughput.
     */
    double cpuSeconds() throws IOException {
        String stat = Files.readString(Path.of("/proc", String.valueOf(process.pid()), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // utime and stime, fields 14 and 15 of proc(5), in clock ticks of 1/100 s on Linux.
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
    }

    /** Whether this replica is the active dispatcher now. */
    boolean dispatching() {
        try {
            return management("/actuator/health/dispatcher").body().contains("\"dispatching\"");
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    HttpResponse<String> management(String path) throws IOException, InterruptedException {
        // Health details are shown only to a caller with VIEWER or ADMIN, which the bench key has.
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + managementPort + path)).header("X-API-Key", API_KEY)
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    /** As a node failure or the OOM killer would: no shutdown hook, no release of anything. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
