package com.acme.privacy.security;

import static com.acme.privacy.testsupport.Api.body;
import static com.acme.privacy.testsupport.Api.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

import com.acme.privacy.testsupport.Api;
import com.acme.privacy.testsupport.ApiTest;
import com.acme.privacy.testsupport.TestClients;
import com.acme.privacy.testsupport.TestJwts;
import com.jayway.jsonpath.JsonPath;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * The role × endpoint matrix, walked once with API keys and once with SSO tokens. Portal {@code crm} and SSO subject
 * {@code crm} are SUBMITTERs, {@code compliance} a VIEWER, {@code ops} an ADMIN, {@code mail-team} a SUPPRESSION_CHECK.
 */
@ApiTest
// The requests the matrix reads are made once: no case changes them.
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessControlTest {

    static final TestJwts jwts = new TestJwts();

    @DynamicPropertySource
    static void trustTestTokens(DynamicPropertyRegistry registry) {
        jwts.configure(registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    /** Created by SUBMITTER {@code crm}: through its API key, and through SSO as the person named crm. */
    String ownByKey;
    String ownBySso;
    String others;

    enum Credential { API_KEY, JWT }

    enum Caller {
        SUBMITTER("crm", "privacy-submitter"), VIEWER("compliance", "privacy-viewer"), ADMIN("ops", "privacy-admin"),
        SUPPRESSION_CHECK("mail-team", "privacy-suppression-check");

        final String name;
        /** The claim value that grants the role. */
        final String role;

        Caller(String name, String role) {
            this.name = name;
            this.role = role;
        }
    }

    /** One endpoint, reached with a path that may name the caller's own request, another's or an unknown one. */
    enum Endpoint {
        CREATE(HttpMethod.POST, (t, c) -> Api.REQUESTS, true),
        READ_OWN(HttpMethod.GET, (t, c) -> Api.REQUESTS + "/" + (c == Credential.JWT ? t.ownBySso : t.ownByKey), false),
        READ_OTHERS(HttpMethod.GET, (t, c) -> Api.REQUESTS + "/" + t.others, false),
        SEARCH(HttpMethod.POST, (t, c) -> Api.REQUESTS + "/search", true),
        LIST(HttpMethod.GET, (t, c) -> Api.REQUESTS, false),
        CANCEL(HttpMethod.POST, (t, c) -> Api.REQUESTS + "/" + UUID.randomUUID() + "/cancel", false),
        RETRY(HttpMethod.POST, (t, c) -> Api.REQUESTS + "/" + UUID.randomUUID() + "/retry", false),
        CHECK(HttpMethod.POST, (t, c) -> "/api/v1/suppression/check", true),
        RESPOND(HttpMethod.POST, (t, c) -> Api.REQUESTS + "/" + UUID.randomUUID() + "/responses", true),
        YEARLY_REPORT(HttpMethod.GET, (t, c) -> "/api/v1/reports/yearly?year=2026", false);

        final HttpMethod method;
        final BiFunction<AccessControlTest, Credential, String> path;
        final boolean body;

        Endpoint(HttpMethod method, BiFunction<AccessControlTest, Credential, String> path, boolean body) {
            this.method = method;
            this.path = path;
            this.body = body;
        }
    }

    /**
     * Expected status per caller: SUBMITTER, VIEWER, ADMIN, SUPPRESSION_CHECK. 404 on cancel/retry/respond means "allowed,
     * no such request". The suppression check answers about every portal's requests, so never a SUBMITTER.
     */
    static final Map<Endpoint, int[]> EXPECTED = Map.ofEntries(
            Map.entry(Endpoint.CREATE, new int[] {202, 403, 403, 403}),
            Map.entry(Endpoint.READ_OWN, new int[] {200, 200, 200, 403}),
            Map.entry(Endpoint.READ_OTHERS, new int[] {404, 200, 200, 403}),
            Map.entry(Endpoint.SEARCH, new int[] {200, 200, 200, 403}),
            Map.entry(Endpoint.LIST, new int[] {200, 200, 200, 403}),
            Map.entry(Endpoint.CANCEL, new int[] {403, 403, 404, 403}),
            Map.entry(Endpoint.RETRY, new int[] {403, 403, 404, 403}),
            Map.entry(Endpoint.CHECK, new int[] {403, 200, 200, 200}),
            Map.entry(Endpoint.RESPOND, new int[] {404, 403, 404, 403}),
            Map.entry(Endpoint.YEARLY_REPORT, new int[] {403, 200, 200, 403}));

    static Stream<Arguments> matrix() {
        List<Arguments> cases = new ArrayList<>();
        for (Credential credential : Credential.values()) {
            for (Caller caller : Caller.values()) {
                for (Endpoint endpoint : Endpoint.values()) {
                    cases.add(Arguments.of(credential, caller, endpoint, EXPECTED.get(endpoint)[caller.ordinal()]));
                }
            }
        }
        return cases.stream();
    }

    @BeforeAll
    void createRequests() {
        Api api = new Api(port);
        ownByKey = api.as("crm").create(request(unique(), null, "GDPR"));
        ownBySso = JsonPath.read(body(sso("crm", "privacy-submitter").post().uri(Api.REQUESTS).contentType(MediaType.APPLICATION_JSON)
                .body(request(unique(), null, "GDPR")).exchange().expectStatus().isAccepted()), "$.id");
        others = api.as("helpdesk").create(request(unique(), null, "GDPR"));
    }

    private RestTestClient sso(String subject, String role) {
        return RestTestClient.bindToServer().baseUrl("http://localhost:" + port)
                .defaultHeader("Authorization", "Bearer " + jwts.token(subject, List.of(role))).build();
    }

    private static String unique() {
        return "acl-" + UUID.randomUUID().toString().substring(0, 12) + "@example.com";
    }

    private RestTestClient.ResponseSpec call(Endpoint endpoint, String header, String value) {
        return call(endpoint, Credential.API_KEY, header, value);
    }

    private RestTestClient.ResponseSpec call(Endpoint endpoint, Credential credential, String header, String value) {
        RestTestClient client = RestTestClient.bindToServer().baseUrl("http://localhost:" + port)
                .defaultHeaders(headers -> {
                    if (header != null) {
                        headers.add(header, value);
                    }
                }).build();
        String path = endpoint.path.apply(this, credential);
        if (endpoint.method == HttpMethod.GET) {
            return client.get().uri(path).exchange();
        }
        if (!endpoint.body) {
            return client.post().uri(path).exchange();
        }
        String json = switch (endpoint) {
            case SEARCH, CHECK -> "{\"email\":\"" + unique() + "\"}";
            case RESPOND -> "{\"kind\":\"CONFIRMED_ERASURE\",\"respondedAt\":\"2026-12-01T10:00:00Z\",\"channel\":\"email\"}";
            default -> request(unique(), null, "CCPA");
        };
        return client.post().uri(path).contentType(MediaType.APPLICATION_JSON).body(json).exchange();
    }

    private RestTestClient.ResponseSpec callAs(Endpoint endpoint, Credential credential, Caller caller) {
        return credential == Credential.API_KEY
                ? call(endpoint, credential, "X-API-Key", TestClients.key(caller.name))
                : call(endpoint, credential, "Authorization", "Bearer " + jwts.token(caller.name, List.of(caller.role)));
    }

    @ParameterizedTest(name = "{0} {1} {2} -> {3}")
    @MethodSource("matrix")
    void eachRoleGetsExactlyWhatItMay(Credential credential, Caller caller, Endpoint endpoint, int expected) {
        RestTestClient.ResponseSpec response = callAs(endpoint, credential, caller).expectStatus().isEqualTo(expected);
        if (expected >= 400) {
            response.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        }
    }

    @ParameterizedTest
    @MethodSource("endpoints")
    void withoutCredentialsEveryEndpointAnswers401Problem(Endpoint endpoint) {
        call(endpoint, null, null).expectStatus().isUnauthorized().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        call(endpoint, "X-API-Key", "not-a-key").expectStatus().isUnauthorized();
        call(endpoint, "Authorization", "Bearer " + jwts.forgedToken("ops", List.of("privacy-admin"))).expectStatus().isUnauthorized();
        call(endpoint, "Authorization", "Bearer " + jwts.expiredToken("ops", List.of("privacy-admin"))).expectStatus().isUnauthorized();
    }

    static Stream<Endpoint> endpoints() {
        return Stream.of(Endpoint.values());
    }

    @Test
    void neither401Nor403SaysWhetherARequestExists() {
        RestTestClient anonymous = RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
        String existing = body(anonymous.get().uri(Api.REQUESTS + "/" + ownByKey).exchange().expectStatus().isUnauthorized());
        String missing = body(anonymous.get().uri(Api.REQUESTS + "/" + UUID.randomUUID()).exchange().expectStatus().isUnauthorized());
        assertThat(existing).isEqualTo(missing);

        Api viewer = new Api(port).as("compliance");
        String forbiddenExisting = body(viewer.cancel(ownByKey).expectStatus().isForbidden());
        String forbiddenMissing = body(viewer.cancel(UUID.randomUUID().toString()).expectStatus().isForbidden());
        assertThat(forbiddenExisting).isEqualTo(forbiddenMissing);
    }

    @Test
    void theSourceIsTheAuthenticatedCallerAndSubmittersSeeOnlyTheirOwn() {
        Api crm = new Api(port).as("crm");
        String email = unique();
        String id = crm.create(request(email, null, "GDPR"));
        assertThat((String) JsonPath.read(body(crm.get(id)), "$.source")).isEqualTo("crm");

        Api helpdesk = new Api(port).as("helpdesk");
        assertThat((List<?>) JsonPath.read(body(helpdesk.search("{\"email\":\"" + email + "\"}").expectStatus().isOk()), "$.content"))
                .isEmpty();
        assertThat((List<String>) JsonPath.read(body(helpdesk.list("source=crm&size=200")), "$.content[*].source")).doesNotContain("crm");
        assertThat((List<String>) JsonPath.read(body(crm.search("{\"email\":\"" + email + "\"}")), "$.content[*].id")).containsExactly(id);
    }

    @Test
    void aPersonNamedLikeAPortalDoesNotGetThePortalsRequests() {
        assertThat((String) JsonPath.read(body(new Api(port).get(ownBySso)), "$.source")).isEqualTo("sso:crm");
        sso("crm", "privacy-submitter").get().uri(Api.REQUESTS + "/" + ownByKey).exchange().expectStatus().isNotFound();
        new Api(port).as("crm").get(ownBySso).expectStatus().isNotFound();
    }

    @Test
    void aTokenThatNamesNoCallerIsRefused() {
        RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build().get().uri(Api.REQUESTS)
                .header("Authorization", "Bearer " + jwts.token(null, List.of("privacy-viewer"))).exchange().expectStatus().isUnauthorized();
    }

    @Test
    void personsActionsRecordThePerson() {
        String id = new Api(port).as("crm").create(request(unique(), null, "GDPR"));
        sso("alice@corp.example", "privacy-admin").post().uri(Api.REQUESTS + "/" + id + "/cancel").exchange().expectStatus().isOk();
        String details = body(new Api(port).get(id));
        assertThat((String) JsonPath.read(details, "$.auditTrail.events[-1].actor")).isEqualTo("user:alice@corp.example");
    }

    @Test
    void failedAuthenticationsAreCounted() {
        double before = failures("invalid_credentials");
        call(Endpoint.LIST, "X-API-Key", "guess-1").expectStatus().isUnauthorized();
        call(Endpoint.LIST, "X-API-Key", "guess-2").expectStatus().isUnauthorized();
        assertThat(failures("invalid_credentials")).isEqualTo(before + 2);
    }

    private double failures(String reason) {
        var counter = meters.find("privacy.auth.failures").tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }
}
