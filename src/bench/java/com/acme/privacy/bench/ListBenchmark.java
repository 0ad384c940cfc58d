package com.acme.privacy.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.acme.privacy.testsupport.GongSandbox;
import com.acme.privacy.testsupport.TestDatabases;

import tools.jackson.databind.json.JsonMapper;

/**
 * The reads of compliance staff and portals, through the HTTP API of the packaged service (dispatching off), at 1,000
 * rows and at 1,000,000 rows in the realistic shape ({@link RealisticRequests}): a request by id, a search by email,
 * the default list, a SUBMITTER's list, each list filter and second windows by cursor. The reference is each call's
 * own median at 1,000 rows, measured in the same run against the same process. The plans PostgreSQL chose for each
 * call's SQL at 1,000,000 rows are captured from the server into target/bench/list-plans.
 */
class ListBenchmark {

    private static final int SMALL = 1_000;
    private static final int LARGE = 1_000_000;
    /** For the JIT. Measured first, the 1,000-row reference still runs a little slow after them (see the README). */
    private static final int WARM_UP = 100;
    private static final int RUNS = 200;
    /** pgjdbc prepares a statement on the server from its fifth use, and PostgreSQL may plan it generically after that. */
    private static final int USES_BEFORE_THE_PLAN = 12;
    private static final String SUBMITTER = "portal-7";
    private static final String SUBMITTER_KEY = "bench-portal-7-key";
    private static final String SUBJECT = "list-bench-subject@example.com";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * One API call. {@code cursorFrom}: given the table's row count, the list whose {@code next} cursor the call
     * continues from, or {@code null} for a first window.
     */
    private record Call(String name, String apiKey, String path, String searchBody, IntFunction<String> cursorFrom) {

        static Call list(String name, String query) {
            return new Call(name, ServiceProcess.API_KEY, "/api/v1/erasure-requests" + query, null, rows -> null);
        }

        /** At 1,000 rows a SUBMITTER has 50 requests, one default window: smaller windows give it a second. */
        Call secondWindow(int size) {
            String sized = path + (path.contains("?") ? "&" : "?") + "size=" + size;
            return new Call(name + ", second window of " + size, apiKey, sized, searchBody, rows -> sized);
        }

        /**
         * The window after the middle row. Only the sort is bound to a cursor, so the first window of those created
         * before the middle, one row long, gives the cursor that paging down to there would give.
         */
        Call middleWindow(Instant now) {
            return new Call(name + ", window at the middle row", apiKey, path, searchBody,
                    rows -> path + "?size=1&createdTo=" + now.minus(Duration.ofMinutes(rows / 2)));
        }

        String file() {
            return name.toLowerCase().replaceAll("[^a-z0-9]+", "-") + ".txt";
        }
    }

    @Test
    void everyListStaysWithinThreeTimesItsLatencyAtAThousandRows() throws Exception {
        TestDatabases.TestDatabase database = BenchDatabase.fresh("list");
        Migrations.apply(database);
        JdbcClient jdbc = BenchDatabase.client(database);
        RealisticRequests.fill(jdbc, 1, SMALL);

        Map<String, double[]> small;
        Map<String, double[]> large;
        List<Call> calls;
        try (GongSandbox sandbox = GongSandbox.start()) {
            Map<String, String> env = ServiceProcess.deployment(database, sandbox);
            env.put("PRIVACY_DISPATCH_ENABLED", "false");
            // The backlog gauges' refresh would land in some measurements and not in others.
            env.put("PRIVACY_METRICS_REFRESH_INTERVAL", "1h");
            ServiceProcess.apiKey(env, 1, SUBMITTER, SUBMITTER_KEY, "SUBMITTER");
            try (ServiceProcess service = ServiceProcess.start("list", env)) {
                Api api = new Api(service.port());
                calls = calls(api.submit(), Instant.now());
                small = measure(api, calls, SMALL);
                RealisticRequests.fill(jdbc, SMALL + 1, LARGE);
                large = measure(api, calls, LARGE);
            }
            capturePlans(database, env, calls);
        }

        StringBuilder table = new StringBuilder("""
                | Call | Median at 1,000 rows (ms) | Median at 1,000,000 rows (ms) | Ratio | p99 at 1,000 (ms) | p99 at 1,000,000 (ms) |
                |---|---|---|---|---|---|
                """);
        calls.forEach(call -> table.append("| %s | %.2f | %.2f | %.2f | %.2f | %.2f |%n".formatted(call.name(), small.get(call.name())[0],
                large.get(call.name())[0], large.get(call.name())[0] / small.get(call.name())[0], small.get(call.name())[1],
                large.get(call.name())[1])));
        table.append("\nThrough HTTP, one call at a time, %d runs each after %d to warm up; plans in list-plans/.%n".formatted(RUNS, WARM_UP));
        BenchReport.write("Lists at 1,000,000 rows", table.toString());
        calls.forEach(call -> assertThat(large.get(call.name())[0] / small.get(call.name())[0]).as(call.name()).isLessThanOrEqualTo(3));
    }

    /** The documented filters, alone; ranges as a portal or an auditor would ask: the last week, and a week a year ago. */
    private static List<Call> calls(String subjectId, Instant now) {
        String lastWeek = "receivedFrom=" + now.minus(Duration.ofDays(7)) + "&receivedTo=" + now.plus(Duration.ofDays(1));
        String aYearAgo = "createdFrom=" + now.minus(Duration.ofDays(365)) + "&createdTo=" + now.minus(Duration.ofDays(358));
        Call defaultList = Call.list("Default list (createdAt desc)", "");
        Call submitters = new Call("SUBMITTER's list (its source only)", SUBMITTER_KEY, "/api/v1/erasure-requests", null, rows -> null);
        Call submitted = Call.list("status=SUBMITTED", "?status=SUBMITTED");
        return List.of(
                new Call("GET by id", ServiceProcess.API_KEY, "/api/v1/erasure-requests/" + subjectId, null, rows -> null),
                new Call("Search by email", ServiceProcess.API_KEY, "/api/v1/erasure-requests/search",
                        "{\"email\":\"" + SUBJECT + "\"}", rows -> null),
                defaultList,
                defaultList.secondWindow(50),
                defaultList.middleWindow(now),
                submitters,
                submitters.secondWindow(20),
                Call.list("status=PENDING", "?status=PENDING"),
                Call.list("status=FAILED", "?status=FAILED"),
                submitted,
                submitted.secondWindow(50),
                Call.list("status=PENDING&status=FAILED", "?status=PENDING&status=FAILED"),
                Call.list("overdue=true", "?overdue=true"),
                Call.list("source=portal-7", "?source=portal-7"),
                Call.list("receivedFrom/To, the last week", "?" + lastWeek),
                Call.list("createdFrom/To, a week a year ago", "?" + aYearAgo),
                Call.list("sort=receivedAt,asc", "?sort=receivedAt,asc"),
                Call.list("sort=dueAt,asc", "?sort=dueAt,asc"),
                Call.list("sort=updatedAt,desc", "?sort=updatedAt,desc"),
                Call.list("sort=status,asc", "?sort=status,asc"));
    }

    /** Median and p99 in milliseconds; the calls take turns, so that drift on a shared machine touches each alike. */
    private static Map<String, double[]> measure(Api api, List<Call> calls, int rows) throws Exception {
        String[] cursors = new String[calls.size()];
        for (int i = 0; i < calls.size(); i++) {
            cursors[i] = api.cursor(calls.get(i), rows);
        }
        double[][] millis = new double[calls.size()][RUNS];
        for (int run = -WARM_UP; run < RUNS; run++) {
            for (int i = 0; i < calls.size(); i++) {
                long started = System.nanoTime();
                api.send(calls.get(i), cursors[i]);
                if (run >= 0) {
                    millis[i][run] = (System.nanoTime() - started) / 1e6;
                }
            }
        }
        Map<String, double[]> results = new LinkedHashMap<>();
        for (int i = 0; i < calls.size(); i++) {
            Arrays.sort(millis[i]);
            results.put(calls.get(i).name(), new double[] {millis[i][RUNS / 2], millis[i][RUNS * 99 / 100]});
        }
        return results;
    }

    /** A process of its own whose sessions all log their plans; the measured one never did. */
    private static void capturePlans(TestDatabases.TestDatabase database, Map<String, String> env, List<Call> calls) throws Exception {
        Path directory = Path.of(System.getProperty("bench.results", "target/bench"), "list-plans");
        Files.createDirectories(directory);
        try (ServerPlans plans = ServerPlans.capture(database); ServiceProcess service = ServiceProcess.start("list-plans", env)) {
            Api api = new Api(service.port());
            for (Call call : calls) {
                String cursor = api.cursor(call, LARGE);
                for (int use = 1; use < USES_BEFORE_THE_PLAN; use++) {
                    api.send(call, cursor);
                }
                long mark = plans.mark();
                api.send(call, cursor);
                Files.writeString(directory.resolve(call.file()), call.name() + "\n\n" + String.join("\n\n", plans.since(mark)) + "\n");
            }
        }
    }

    /** The API as a portal or an auditor calls it, over one keep-alive connection. */
    private static final class Api {

        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        private final String base;

        Api(int port) {
            this.base = "http://localhost:" + port;
        }

        /** The subject that GET by id and the search look for, submitted as a portal would; its id. */
        String submit() throws IOException, InterruptedException {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/erasure-requests"))
                    .header("X-API-Key", ServiceProcess.API_KEY).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + SUBJECT + "\",\"regulation\":\"GDPR\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
            return JSON.readTree(answer.body()).path("id").asString();
        }

        /** The cursor the call continues from, or {@code null}. */
        String cursor(Call call, int rows) throws IOException, InterruptedException {
            String from = call.cursorFrom().apply(rows);
            if (from == null) {
                return null;
            }
            String next = JSON.readTree(send(new Call(call.name(), call.apiKey(), from, null, r -> null), null)).path("next").asString();
            assertThat(next).as("%s has a window to continue from", call.name()).isNotBlank();
            return next;
        }

        String send(Call call, String cursor) throws IOException, InterruptedException {
            String path = cursor == null ? call.path()
                    : call.path() + (call.path().contains("?") ? "&" : "?") + "cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8);
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).header("X-API-Key", call.apiKey());
            if (call.searchBody() != null) {
                request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(call.searchBody()));
            }
            HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as("%s: %s", call.name(), answer.body()).isEqualTo(200);
            return answer.body();
        }
    }
}
