package com.acme.privacy.evidence;

import static com.acme.privacy.testsupport.Api.body;
import static com.acme.privacy.testsupport.Api.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.acme.privacy.testsupport.Api;
import com.acme.privacy.testsupport.DispatcherTest;
import com.jayway.jsonpath.JsonPath;

/** A receipt for a request the dispatcher sent to the Gong sandbox names every call and every id Gong gave. */
@DispatcherTest
class DispatchedReceiptTest {

    @LocalServerPort
    int port;

    @Test
    void theReceiptOfASubmittedRequestNamesGongsRequestIds() throws Exception {
        Api api = new Api(port);
        String id = api.create(request("dispatched-" + UUID.randomUUID() + "@example.com", "+4915112345678", "GDPR"));
        String details = api.awaitStatus(id, "SUBMITTED");

        String receipt = body(api.as("compliance").client().get().uri(Api.REQUESTS + "/{id}/receipt", id).exchange()
                .expectStatus().isOk());
        String signed = new String(Base64.getDecoder().decode((String) JsonPath.read(receipt, "$.payload")), StandardCharsets.UTF_8);

        String emailErasure = JsonPath.read(details, "$.gongRequestIds.email");
        String phoneErasure = JsonPath.read(details, "$.gongRequestIds.phoneNumber");
        assertThat(emailErasure).isNotBlank();
        assertThat((String) JsonPath.read(signed, "$.gongRequestIds.emailErasure")).isEqualTo(emailErasure);
        assertThat((String) JsonPath.read(signed, "$.gongRequestIds.phoneNumberErasure")).isEqualTo(phoneErasure);
        assertThat((List<String>) JsonPath.read(signed, "$.gongCalls[*].gongRequestId")).containsExactly(emailErasure, phoneErasure);
        assertThat((List<Integer>) JsonPath.read(signed, "$.gongCalls[*].httpStatus")).containsExactly(200, 200);
        assertThat((String) JsonPath.read(signed, "$.submittedAt")).isEqualTo(JsonPath.read(details, "$.submittedAt"));
        assertThat((String) JsonPath.read(signed, "$.status")).isEqualTo("SUBMITTED");
        assertThat((String) JsonPath.read(signed, "$.auditTrail.headHash")).isEqualTo(JsonPath.read(details, "$.auditTrail.events[-1].hash"));
    }
}
