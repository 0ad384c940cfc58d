package com.acme.privacy.web;

import static com.acme.privacy.testsupport.Api.body;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.info.BuildProperties;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import com.acme.privacy.testsupport.ApiTest;
import com.jayway.jsonpath.JsonPath;

/** /v3/api-docs describes the whole API, and only the API, under its own name and the build's version. */
@ApiTest
class OpenApiDocumentTest {

    @LocalServerPort
    int port;

    @Autowired
    BuildProperties build;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    private String document() {
        return body(RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build().get().uri("/v3/api-docs").exchange()
                .expectStatus().isOk());
    }

    @Test
    void itNamesTheApiItsVersionAndBothWaysToAuthenticate() {
        String document = document();

        assertThat((String) JsonPath.read(document, "$.info.title")).isEqualTo("Privacy requests API");
        assertThat((String) JsonPath.read(document, "$.info.version")).isEqualTo(build.getVersion()).isNotEqualTo("v0");
        assertThat((String) JsonPath.read(document, "$.info.description")).contains("problem+json", "SUBMITTER");
        assertThat((Map<String, Object>) JsonPath.read(document, "$.components.securitySchemes.apiKey"))
                .containsEntry("type", "apiKey").containsEntry("in", "header").containsEntry("name", "X-API-Key");
        assertThat((Map<String, Object>) JsonPath.read(document, "$.components.securitySchemes.bearer"))
                .containsEntry("type", "http").containsEntry("scheme", "bearer").containsEntry("bearerFormat", "JWT");
        assertThat((List<Map<String, Object>>) JsonPath.read(document, "$.paths['/api/v1/reports/yearly'].get.security"))
                .containsExactlyInAnyOrder(Map.of("apiKey", List.of()), Map.of("bearer", List.of()));
    }

    /** Every handler under /api, with each of its methods, is an operation of the document; nothing else is. */
    @Test
    void everyApiEndpointIsDescribedAndNothingElse() {
        String document = document();
        Set<String> handled = new TreeSet<>();
        mappings.getHandlerMethods().keySet().forEach(info -> info.getPatternValues().stream().filter(path -> path.startsWith("/api/"))
                .forEach(path -> info.getMethodsCondition().getMethods()
                        .forEach(method -> handled.add(method.name().toLowerCase() + " " + path))));
        Set<String> described = new TreeSet<>();
        ((Map<String, Map<String, Object>>) JsonPath.read(document, "$.paths"))
                .forEach((path, operations) -> operations.keySet().forEach(method -> described.add(method + " " + path)));

        assertThat(handled).contains("post /api/v1/erasure-requests/{id}/responses", "get /api/v1/reports/yearly",
                "get /api/v1/exports/requests", "get /api/v1/keys/{keyId}.pem");
        assertThat(described).isEqualTo(handled);
    }

    @Test
    void requestBodiesCarryExamples() {
        String document = document();

        assertThat((String) JsonPath.read(document,
                "$.paths['/api/v1/erasure-requests/{id}/responses'].post.requestBody.content['application/json'].examples.denied.value.kind"))
                .isEqualTo("DENIAL");
        assertThat((String) JsonPath.read(document, "$.components.schemas.SubmitErasureRequestBody.properties.email.example"))
                .isEqualTo("jane.doe@example.com");
        assertThat((String) JsonPath.read(document, "$.components.schemas.ReleaseBody.properties.reason.example"))
                .isEqualTo("CRM erasure done, ticket 123");
        assertThat((List<String>) JsonPath.read(document, "$.components.schemas.SubjectResponseBody.properties.channel.enum"))
                .containsExactly("email", "letter", "portal");
    }
}
