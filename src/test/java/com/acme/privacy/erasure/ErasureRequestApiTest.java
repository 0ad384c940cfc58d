package com.acme.privacy.erasure;

import static com.acme.privacy.testsupport.Api.body;
import static com.acme.privacy.testsupport.Api.request;
import static com.acme.privacy.testsupport.Problems.assertNoInternals;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;

import com.acme.privacy.testsupport.Api;
import com.acme.privacy.testsupport.ApiTest;
import com.jayway.jsonpath.JsonPath;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

@ApiTest
class ErasureRequestApiTest {

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port);
    }

    private static String unique(String name) {
        return name + "." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    @Test
    void acceptsARequestAndShowsItMaskedWithItsAuditTrail() {
        String email = unique("jane");
        String created = body(api.as("crm").submit(request(email, "+4915112345678", "GDPR"))
                .expectStatus().isAccepted()
                .expectHeader().value("Location", location -> assertThat(location).contains("/api/v1/erasure-requests/")));
        String id = JsonPath.read(created, "$.id");

        assertThat((String) JsonPath.read(created, "$.status")).isEqualTo("PENDING");
        assertThat((String) JsonPath.read(created, "$.email")).isEqualTo("j***@example.com");
        assertThat((String) JsonPath.read(created, "$.phoneNumber")).isEqualTo("+4915*******78");
        assertThat(created).doesNotContain(email).doesNotContain("5112345");

        String details = body(api.get(id).expectStatus().isOk());
        assertThat((String) JsonPath.read(details, "$.id")).isEqualTo(id);
        assertThat((String) JsonPath.read(details, "$.source")).isEqualTo("crm");
        assertThat((Integer) JsonPath.read(details, "$.attempts")).isZero();
        assertThat((List<?>) JsonPath.read(details, "$.gongCalls")).isEmpty();
        assertThat((Boolean) JsonPath.read(details, "$.auditTrail.intact")).isTrue();
        assertThat((List<String>) JsonPath.read(details, "$.auditTrail.events[*].kind")).containsExactly("RECEIVED");
        assertThat((String) JsonPath.read(details, "$.auditTrail.events[0].actor")).isEqualTo("client:crm");
        assertThat((String) JsonPath.read(details, "$.auditTrail.events[0].toStatus")).isEqualTo("PENDING");
        assertThat((String) JsonPath.read(details, "$.auditTrail.events[0].details.regulation")).isEqualTo("GDPR");
        assertThat(details).doesNotContain(email);
    }

    @Test
    void locationPointsAtTheNewRequest() {
        String location = api.submit(request(unique("loc"), null, "CCPA"))
                .expectStatus().isAccepted()
                .returnResult(String.class).getResponseHeaders().getLocation().toString();
        api.client().get().uri(location).exchange().expectStatus().isOk();
    }

    @Test
    void computesDueDatesPerRegulation() {
        // Month ends are covered by DeadlinesTest; receipt dates here must lie within the last 90 days.
        Instant fortyDaysAgo = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(40, ChronoUnit.DAYS);
        String gdpr = body(api.submit("{\"email\":\"" + unique("g") + "\",\"regulation\":\"GDPR\","
                + "\"receivedAt\":\"" + fortyDaysAgo + "\"}").expectStatus().isAccepted());
        assertThat(Instant.parse(JsonPath.read(gdpr, "$.dueAt"))).isEqualTo(fortyDaysAgo.atOffset(ZoneOffset.UTC).plusMonths(1).toInstant());
        assertThat((Boolean) JsonPath.read(gdpr, "$.overdue")).isTrue();

        String ccpa = body(api.submit("{\"email\":\"" + unique("c") + "\",\"regulation\":\"CCPA\","
                + "\"receivedAt\":\"" + fortyDaysAgo + "\"}").expectStatus().isAccepted());
        assertThat(Instant.parse(JsonPath.read(ccpa, "$.dueAt"))).isEqualTo(fortyDaysAgo.plus(45, ChronoUnit.DAYS));
        assertThat((Boolean) JsonPath.read(ccpa, "$.overdue")).isFalse();

        String other = body(api.submit("{\"email\":\"" + unique("o") + "\",\"regulation\":\"OTHER\","
                + "\"receivedAt\":\"" + fortyDaysAgo + "\"}").expectStatus().isAccepted());
        assertThat(Instant.parse(JsonPath.read(other, "$.dueAt"))).isEqualTo(fortyDaysAgo.plus(30, ChronoUnit.DAYS));
    }

    @Test
    void receivedAtDefaultsToNow() {
        Instant before = Instant.now().minusSeconds(1);
        String created = body(api.submit(request(unique("now"), null, "GDPR")).expectStatus().isAccepted());
        Instant receivedAt = Instant.parse(JsonPath.read(created, "$.receivedAt"));
        assertThat(receivedAt).isBetween(before, Instant.now().plusSeconds(1));
    }

    @Test
    void sameIdempotencyKeyAndBodyReturnsTheOriginal() {
        String json = request(unique("idem"), null, "GDPR");
        String key = UUID.randomUUID().toString();
        String first = JsonPath.read(body(api.submit(json, key).expectStatus().isAccepted()), "$.id");
        String second = JsonPath.read(body(api.submit(json, key).expectStatus().isOk()), "$.id");
        assertThat(second).isEqualTo(first);
    }

    @Test
    void sameIdempotencyKeyWithAnotherBodyIsRefused() {
        String key = UUID.randomUUID().toString();
        api.submit(request(unique("a"), null, "GDPR"), key).expectStatus().isAccepted();
        String problem = body(api.submit(request(unique("b"), null, "GDPR"), key)
                .expectStatus().isEqualTo(422)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        assertThat((String) JsonPath.read(problem, "$.title")).isEqualTo("Idempotency-Key reused");
    }

    @Test
    void idempotencyKeysAreScopedToTheSource() {
        String key = UUID.randomUUID().toString();
        api.as("crm").submit(request(unique("a"), null, "GDPR"), key).expectStatus().isAccepted();
        api.as("helpdesk").submit(request(unique("b"), null, "GDPR"), key).expectStatus().isAccepted();
    }

    @Test
    void aPortalsOpenRequestForTheSameSubjectIsReturnedAndTheRepeatAudited() {
        String email = unique("repeat");
        String id = api.create(request(email, null, "GDPR"));
        String again = body(api.submit(request(email.toUpperCase(), null, "CCPA")).expectStatus().isOk());
        assertThat((String) JsonPath.read(again, "$.id")).isEqualTo(id);

        String details = body(api.get(id).expectStatus().isOk());
        assertThat((List<String>) JsonPath.read(details, "$.auditTrail.events[*].kind"))
                .containsExactly("RECEIVED", "REPEAT_SUBMISSION");
        assertThat((String) JsonPath.read(details, "$.auditTrail.events[1].actor")).isEqualTo("client:tester");
        assertThat((String) JsonPath.read(details, "$.auditTrail.events[1].details.regulation")).isEqualTo("CCPA");
        assertThat((String) JsonPath.read(details, "$.auditTrail.events[1].details.dueAt")).isNotBlank();
        assertThat((Boolean) JsonPath.read(details, "$.auditTrail.intact")).isTrue();
    }

    @Test
    void aCallersRepeatsOfItsOpenRequestAreAuditedOnceAndCountedAll() {
        String email = unique("loop");
        Api crm = api.as("crm");
        String id = crm.create(request(email, null, "GDPR"));
        double before = repeats("crm");

        String key = UUID.randomUUID().toString();
        for (int i = 0; i < 3; i++) {
            crm.submit(request(email, null, "CCPA"), key).expectStatus().isOk();
            crm.submit(request(email, null, "GDPR")).expectStatus().isOk();
        }

        String details = body(api.get(id).expectStatus().isOk());
        assertThat((List<String>) JsonPath.read(details, "$.auditTrail.events[*].kind")).containsExactly("RECEIVED", "REPEAT_SUBMISSION");
        assertThat((String) JsonPath.read(details, "$.auditTrail.events[1].details.regulation"))
                .as("the caller's first repeat is the one on record").isEqualTo("CCPA");
        assertThat(repeats("crm") - before).isEqualTo(6);
    }

    private double repeats(String source) {
        Counter counter = meters.find("privacy.requests.repeats").tag("source", source).counter();
        return counter == null ? 0 : counter.count();
    }

    /** One open request per subject per portal: another portal's submission is its own, and tells it nothing. */
    @Test
    void anotherPortalSubmittingTheSameSubjectGetsARequestOfItsOwnAndLearnsNothing() {
        String email = unique("shared");
        String crms = api.as("crm").create("{\"email\":\"" + email + "\",\"phoneNumber\":\"+4915112345678\",\"regulation\":\"GDPR\","
                + "\"externalReference\":\"CRM-7\"}");
        Api helpdesk = api.as("helpdesk");

        String own = body(helpdesk.submit(request(email, "+4915199999999", "GDPR")).expectStatus().isAccepted());
        String ownId = JsonPath.read(own, "$.id");
        assertThat(ownId).isNotEqualTo(crms);
        assertThat(own).doesNotContain("CRM-7", "\"source\":\"crm\"", crms);

        helpdesk.get(crms).expectStatus().isNotFound();
        assertThat((List<String>) JsonPath.read(body(helpdesk.search("{\"email\":\"" + email + "\"}")), "$.content[*].id"))
                .containsExactly(ownId);
        assertThat((List<String>) JsonPath.read(body(api.search("{\"email\":\"" + email + "\"}")), "$.content[*].id"))
                .containsExactly(ownId, crms);
    }

    /**
     * Whether another portal has the subject open changes nothing a portal can see: not the status, not the body's
     * shape, not the time it takes (both are one insert, which meets nothing).
     */
    @Test
    void anotherPortalsOpenRequestIsNoOracleOfStatusBodyOrTiming() {
        Api crm = api.as("crm");
        Api helpdesk = api.as("helpdesk");
        List<Long> known = new ArrayList<>();
        List<Long> unknown = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String taken = unique("taken");
            crm.create(request(taken, "+4915112345678", "GDPR"));
            // Taking turns at going first, so that neither always follows crm's submission.
            boolean takenFirst = i % 2 == 0;
            String first = takenFirst ? taken : unique("free");
            String second = takenFirst ? unique("free") : taken;
            long started = System.nanoTime();
            String firstView = body(helpdesk.submit(request(first, "+4915100000000", "GDPR")).expectStatus().isAccepted());
            long firstTook = System.nanoTime() - started;
            started = System.nanoTime();
            String secondView = body(helpdesk.submit(request(second, "+4915100000000", "GDPR")).expectStatus().isAccepted());
            long secondTook = System.nanoTime() - started;
            known.add(takenFirst ? firstTook : secondTook);
            unknown.add(takenFirst ? secondTook : firstTook);
            assertThat(shape(firstView)).isEqualTo(shape(secondView));
        }
        // The first rounds warm up the code paths.
        double knownMedian = median(known.subList(10, 40));
        double unknownMedian = median(unknown.subList(10, 40));
        assertThat(Math.abs(knownMedian - unknownMedian)).as("median ns: %s vs %s", knownMedian, unknownMedian)
                .isLessThan(Math.max(0.3 * unknownMedian, 3_000_000));
    }

    private static String shape(String view) {
        return view.replaceAll("\"[0-9a-f-]{36}\"", "ID").replaceAll("\"[^\"]*@example.com\"", "EMAIL")
                .replaceAll("\"20[0-9T:.Z-]+\"", "TIME");
    }

    private static double median(List<Long> nanos) {
        return nanos.stream().sorted().skip(nanos.size() / 2).findFirst().orElseThrow();
    }

    @Test
    void aRepeatWithAPhoneNumberTheOpenRequestLacksIsRefusedNotDropped() {
        String email = unique("phone");
        String id = api.create(request(email, null, "GDPR"));

        String problem = body(api.submit(request(email, "+4915100000001", "GDPR")).expectStatus().isEqualTo(409)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        assertThat((String) JsonPath.read(problem, "$.title")).isEqualTo("Subject has an open request");
        assertThat((List<String>) JsonPath.read(body(api.get(id)), "$.auditTrail.events[*].kind")).containsExactly("RECEIVED");

        String withPhone = unique("phone");
        String first = api.create(request(withPhone, "+4915100000002", "GDPR"));
        String same = body(api.submit(request(withPhone, "+4915100000002", "CCPA")).expectStatus().isOk());
        assertThat((String) JsonPath.read(same, "$.id")).isEqualTo(first);
        api.submit(request(withPhone, "+4915100000003", "GDPR")).expectStatus().isEqualTo(409);
    }

    @Test
    void aCancelledRequestNoLongerBlocksANewOne() {
        String email = unique("again");
        String first = api.create(request(email, null, "GDPR"));
        api.cancel(first).expectStatus().isOk();
        String second = api.create(request(email, null, "GDPR"));
        assertThat(second).isNotEqualTo(first);
    }

    @Test
    void searchFindsEveryRequestOfASubjectByEmailOrPhone() {
        String email = unique("search");
        String phone = "+1415555" + (1000 + (int) (Math.random() * 8999));
        String first = api.create(request(email, phone, "CCPA"));
        api.cancel(first).expectStatus().isOk();
        String second = api.create(request(email, null, "CCPA"));
        api.create(request(unique("someone-else"), null, "CCPA"));

        String byEmail = body(api.search("{\"email\":\"" + email.toUpperCase().replace("@EXAMPLE.COM", "@example.com") + "\"}")
                .expectStatus().isOk());
        assertThat((List<String>) JsonPath.read(byEmail, "$.content[*].id")).containsExactly(second, first);
        assertThat(byEmail).doesNotContain(email);

        String byPhone = body(api.search("{\"phoneNumber\":\"" + phone + "\"}").expectStatus().isOk());
        assertThat((List<String>) JsonPath.read(byPhone, "$.content[*].id")).containsExactly(first);
        assertThat(byPhone).doesNotContain(phone);
    }

    @Test
    void searchNeedsExactlyOneIdentifier() {
        String both = body(api.search("{\"email\":\"a@example.com\",\"phoneNumber\":\"+4915112345678\"}")
                .expectStatus().isBadRequest());
        assertThat((String) JsonPath.read(both, "$.errors[0].message")).isEqualTo("give exactly one of email or phoneNumber");
        api.search("{}").expectStatus().isBadRequest();
        api.search("{\"email\":\"not-an-email\"}").expectStatus().isBadRequest();
        api.search("{\"email\":\"  \"}").expectStatus().isBadRequest();
    }

    @Test
    void searchForAnUnknownSubjectIsEmpty() {
        assertThat(body(api.search("{\"email\":\"" + unique("nobody") + "\"}").expectStatus().isOk()))
                .isEqualTo("{\"content\":[],\"size\":50,\"next\":null}");
    }

    @Test
    void getOfAnUnknownRequestIs404Problem() {
        String problem = body(api.get(UUID.randomUUID().toString()).expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        assertThat((Integer) JsonPath.read(problem, "$.status")).isEqualTo(404);
        api.get("not-a-uuid").expectStatus().isBadRequest().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void cancelsAPendingRequestOnceAndAuditsIt() {
        String id = api.create(request(unique("cancel"), null, "GDPR"));
        String cancelled = body(api.client().post().uri(Api.REQUESTS + "/{id}/cancel", id)
                .contentType(MediaType.APPLICATION_JSON).body("{\"reason\":\"Subject withdrew the request\"}")
                .exchange().expectStatus().isOk());
        assertThat((String) JsonPath.read(cancelled, "$.status")).isEqualTo("CANCELLED");

        String problem = body(api.cancel(id).expectStatus().isEqualTo(409)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        assertThat((String) JsonPath.read(problem, "$.detail")).contains("CANCELLED");

        String details = body(api.get(id).expectStatus().isOk());
        assertThat((List<String>) JsonPath.read(details, "$.auditTrail.events[*].kind")).containsExactly("RECEIVED", "STATUS_CHANGED");
        assertThat((String) JsonPath.read(details, "$.auditTrail.events[1].fromStatus")).isEqualTo("PENDING");
        assertThat((String) JsonPath.read(details, "$.auditTrail.events[1].toStatus")).isEqualTo("CANCELLED");
        assertThat((String) JsonPath.read(details, "$.auditTrail.events[1].reason")).isEqualTo("Subject withdrew the request");
    }

    @Test
    void cancelOfAnUnknownRequestIs404() {
        api.cancel(UUID.randomUUID().toString()).expectStatus().isNotFound();
    }

    @Test
    void listsFilteredPagedAndSorted() {
        // Other tests share this database; this one looks only at what it creates.
        String mine = "createdFrom=" + Instant.now().minusMillis(1) + "&source=crm";
        Api crm = api.as("crm");
        Instant eightyDaysAgo = Instant.now().minus(80, ChronoUnit.DAYS);
        String oldId = JsonPath.read(body(crm.submit("{\"email\":\"" + unique("old") + "\",\"regulation\":\"GDPR\","
                + "\"receivedAt\":\"" + eightyDaysAgo + "\"}").expectStatus().isAccepted()), "$.id");
        String recent = crm.create("{\"email\":\"" + unique("recent") + "\",\"regulation\":\"CCPA\","
                + "\"receivedAt\":\"" + Instant.now().minus(1, ChronoUnit.DAYS) + "\"}");
        String cancelled = crm.create(request(unique("gone"), null, "GDPR"));
        api.cancel(cancelled).expectStatus().isOk();
        api.create(request(unique("elsewhere"), null, "GDPR"));

        String all = body(api.list(mine + "&sort=receivedAt,asc").expectStatus().isOk());
        assertThat((List<String>) JsonPath.read(all, "$.content[*].id")).containsExactly(oldId, recent, cancelled);
        assertThat((String) JsonPath.read(all, "$.next")).isNull();

        String pending = body(api.list(mine + "&status=PENDING&sort=receivedAt,desc").expectStatus().isOk());
        assertThat((List<String>) JsonPath.read(pending, "$.content[*].id")).containsExactly(recent, oldId);

        String overdue = body(api.list(mine + "&overdue=true").expectStatus().isOk());
        assertThat((List<String>) JsonPath.read(overdue, "$.content[*].id")).containsExactly(oldId);
        assertThat((Boolean) JsonPath.read(overdue, "$.content[0].overdue")).isTrue();

        String notOverdue = body(api.list(mine + "&overdue=false&sort=createdAt,asc").expectStatus().isOk());
        assertThat((List<String>) JsonPath.read(notOverdue, "$.content[*].id")).containsExactly(recent, cancelled);

        String receivedThen = body(api.list(mine + "&receivedFrom=" + eightyDaysAgo.minus(1, ChronoUnit.DAYS)
                + "&receivedTo=" + eightyDaysAgo.plus(1, ChronoUnit.DAYS)).expectStatus().isOk());
        assertThat((List<String>) JsonPath.read(receivedThen, "$.content[*].id")).containsExactly(oldId);

        String createdBefore = body(api.list(mine + "&createdTo=" + Instant.now().minus(1, ChronoUnit.HOURS)).expectStatus().isOk());
        assertThat((List<?>) JsonPath.read(createdBefore, "$.content")).isEmpty();

        String first = body(api.list(mine + "&sort=receivedAt,asc&size=2").expectStatus().isOk());
        assertThat((List<String>) JsonPath.read(first, "$.content[*].id")).containsExactly(oldId, recent);
        String next = body(api.list(mine + "&sort=receivedAt,asc&size=2&cursor=" + JsonPath.read(first, "$.next")).expectStatus().isOk());
        assertThat((List<String>) JsonPath.read(next, "$.content[*].id")).containsExactly(cancelled);
        assertThat((String) JsonPath.read(next, "$.next")).isNull();
    }

    /** Windows walk every row once, in a stable order, also when many share a sort value. */
    @Test
    void windowsWalkEveryRowOnceEvenWithEqualSortValues() {
        Instant receivedAt = Instant.now().minus(1, ChronoUnit.HOURS);
        String mine = "source=helpdesk&createdFrom=" + Instant.now().minusMillis(1);
        Api helpdesk = api.as("helpdesk");
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            created.add(helpdesk.create("{\"email\":\"" + unique("same") + "\",\"regulation\":\"GDPR\",\"receivedAt\":\""
                    + receivedAt + "\"}"));
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            String window = body(api.list(mine + "&sort=receivedAt,desc&size=3" + (cursor == null ? "" : "&cursor=" + cursor))
                    .expectStatus().isOk());
            seen.addAll(JsonPath.read(window, "$.content[*].id"));
            cursor = JsonPath.read(window, "$.next");
        } while (cursor != null);
        assertThat(seen).hasSize(7).containsExactlyInAnyOrderElementsOf(created);
    }

    @Test
    void listRejectsBadParameters() {
        api.list("sort=emailCiphertext,asc").expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        api.list("status=DONE").expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        String problem = body(api.list("receivedFrom=yesterday").expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        assertThat((String) JsonPath.read(problem, "$.errors[0].message")).isEqualTo("must be an ISO-8601 instant such as 2026-11-01T09:30:00Z");
        assertNoInternals(problem);
        assertNoInternals(body(api.list("status=DONE").expectStatus().isBadRequest()));
    }

    @ParameterizedTest
    @CsvSource({"size=0, size", "size=201, size", "size=2147483648, size", "size=1.5, size", "cursor=not-a-cursor, cursor",
            "cursor=eyJzb3J0IjoiY3JlYXRlZEF0OiBBU0MifQ, cursor", "cursor=e30, cursor"})
    @ExtendWith(OutputCaptureExtension.class)
    void listRefusesWindowsOutOfRangeAndForeignCursorsWithoutAnErrorInTheLog(String query, String parameter, CapturedOutput output) {
        String problem = body(api.list(query).expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        assertThat((List<String>) JsonPath.read(problem, "$.errors[*].field")).containsExactly(parameter);
        assertNoInternals(problem);
        assertThat(output.getAll()).as("no 500, no stack trace").doesNotContain("Unexpected error", "\tat ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"receivedFrom", "createdTo", "status", "overdue", "source", "cursor", "size", "sort"})
    void listRefusesParametersSentBlankRatherThanReadingThemAsAbsent(String parameter) {
        for (String blank : List.of("", "+")) {
            String problem = body(api.list("status=PENDING&" + parameter + "=" + blank).expectStatus().isBadRequest()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON));
            assertThat((List<String>) JsonPath.read(problem, "$.errors[*].field")).as("'%s'", blank).containsExactly(parameter);
        }
    }

    @Test
    void publishesAnOpenApiDescription() {
        String docs = body(api.client().get().uri("/v3/api-docs").exchange().expectStatus().isOk());
        assertThat((Object) JsonPath.read(docs, "$.paths['/api/v1/erasure-requests'].post")).isNotNull();
        assertThat((Object) JsonPath.read(docs, "$.paths['/api/v1/erasure-requests/search'].post")).isNotNull();
        assertThat((Object) JsonPath.read(docs, "$.paths['/api/v1/erasure-requests/{id}/cancel'].post")).isNotNull();
        assertThat((List<Integer>) JsonPath.read(docs, "$.paths['/api/v1/erasure-requests'].get.parameters[?(@.name == 'size')].schema.maximum"))
                .containsExactly(200);
        assertThat((List<String>) JsonPath.read(docs, "$.paths['/api/v1/erasure-requests'].get.parameters[*].name"))
                .contains("cursor", "size", "sort").doesNotContain("request", "page");
    }
}
