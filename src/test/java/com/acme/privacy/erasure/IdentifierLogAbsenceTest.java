package com.acme.privacy.erasure;

import static com.acme.privacy.testsupport.Api.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import com.acme.privacy.testsupport.Api;
import com.acme.privacy.testsupport.ApiTest;

/** Even with web and SQL debug logging on, a full flow logs no identifier. */
@ApiTest
@TestPropertySource(properties = {
        "logging.level.org.springframework.web=DEBUG",
        // The test's own HTTP client logs what it sends; only the service's logs are under test.
        "logging.level.org.springframework.web.client=INFO",
        "logging.level.org.hibernate.SQL=DEBUG",
        "logging.level.com.acme.privacy=DEBUG"})
@ExtendWith(OutputCaptureExtension.class)
class IdentifierLogAbsenceTest {

    @LocalServerPort
    int port;

    @Test
    void aSubmitAndQueryFlowLogsNoEmailAddressOrPhoneNumber(CapturedOutput output) {
        String local = "logcheck" + UUID.randomUUID().toString().substring(0, 8);
        String email = local + "@example.com";
        String phone = "+4917612345678";
        Api api = new Api(port);

        String id = api.create(request(email, phone, "GDPR"));
        api.submit(request(email, phone, "GDPR"), "key-1").expectStatus().isOk();
        api.get(id).expectStatus().isOk();
        api.search("{\"email\":\"" + email + "\"}").expectStatus().isOk();
        api.search("{\"phoneNumber\":\"" + phone + "\"}").expectStatus().isOk();
        api.list("status=PENDING").expectStatus().isOk();
        api.submit("{\"email\":\"" + email + "\",\"regulation\":\"NOPE\"}").expectStatus().isBadRequest();
        api.submit("{\"email\":\"" + email + "\", broken").expectStatus().isBadRequest();
        // Refused identifiers: the exceptions quote them, so their debug lines must stay off.
        api.submit("{\"email\":\"" + local + "@[192.0.2.1]\",\"regulation\":\"GDPR\"}").expectStatus().isBadRequest();
        api.submit("{\"email\":\"" + email + "\",\"phoneNumber\":" + phone.substring(1) + ",\"regulation\":\"GDPR\"}")
                .expectStatus().isBadRequest();
        api.cancel(id).expectStatus().isOk();

        assertThat(output.getAll())
                .as("the flow was logged at all")
                .contains("/api/v1/erasure-requests", "select")
                .doesNotContain(email, local, phone, phone.substring(1), "17612345678");
    }
}
