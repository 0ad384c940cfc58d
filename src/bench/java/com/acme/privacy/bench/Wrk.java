package com.acme.privacy.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The load from {@code wrk} where it is installed (Debian package {@code wrk}): a C client whose own CPU use is small
 * beside a JVM's, on a machine whose two cores it shares with the service and PostgreSQL.
 */
final class Wrk {

    // Each request a new subject: the thread's number and a counter, under a prefix unique to the run.
    private static final String SCRIPT = """
            local threads = 0
            function setup(thread)
              threads = threads + 1
              thread:set("tid", threads)
            end
            function init(args)
              prefix = args[1]
              key = args[2]
              n = 0
            end
            function request()
              n = n + 1
              local body = '{"email":"' .. prefix .. '-' .. tid .. '-' .. n .. '@example.com","regulation":"GDPR"}'
              return wrk.format("POST", "/api/v1/erasure-requests",
                  {["Content-Type"] = "application/json", ["X-API-Key"] = key}, body)
            end
            function done(summary, latency, requests)
              local e = summary.errors
              io.write(string.format("%d %d %.3f %.3f %.3f %.3f\\n", summary.requests,
                  e.connect + e.read + e.write + e.status + e.timeout, summary.duration / 1e6,
                  latency:percentile(50) / 1e3, latency:percentile(99) / 1e3, latency:percentile(99.9) / 1e3))
            end
            """;

    private Wrk() {
    }

    static boolean installed() {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
        return Stream.of(path.split(":")).anyMatch(dir -> Files.isExecutable(Path.of(dir, "wrk")));
    }

    // wrk has no open model: each connection waits an exponentially distributed gap (a Poisson stream overall) after
    // each answer. A stalled answer delays that connection's next request, so the tail is, if anything, understated.
    private static final String PACING = """
            function delay()
              return math.floor(-math.log(1 - math.random()) * %d)
            end
            """;

    /**
     * {@code requests errors seconds p50 p99 p99.9}, as {@link IntakeLoad} prints them.
     *
     * @param meanGapMillis 0 for back-to-back requests on each connection (closed model), else the mean wait after an
     *                      answer
     */
    static String run(String baseUrl, String apiKey, int connections, int seconds, String subjectPrefix, long meanGapMillis)
            throws Exception {
        Path script = Files.createTempFile("intake", ".lua");
        Files.writeString(script, meanGapMillis == 0 ? SCRIPT : SCRIPT + PACING.formatted(meanGapMillis));
        List<String> command = List.of("wrk", "-t", String.valueOf(Math.min(connections, 2)), "-c", String.valueOf(connections),
                "-d", seconds + "s", "--timeout", "10s", "-s", script.toString(), baseUrl, "--", subjectPrefix, apiKey);
        Process wrk = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(wrk.getInputStream().readAllBytes()).strip();
        if (wrk.waitFor() != 0) {
            throw new IllegalStateException("wrk failed:\n" + output);
        }
        return output;
    }
}
