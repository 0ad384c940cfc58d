package com.acme.privacy.suppression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

import com.acme.privacy.security.Caller;
import com.acme.privacy.security.Role;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** Each caller's checks are limited on their own, and a refusal is a 429 problem that says when to ask again. */
class CheckRateTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final CheckRate rate = new CheckRate(new SuppressionProperties(2), new SuppressionMetrics(meters));
    private final Caller mailTeam = new Caller("mail-team", Caller.Kind.CLIENT, Set.of(Role.SUPPRESSION_CHECK));
    private final Caller crmTeam = new Caller("crm-team", Caller.Kind.USER, Set.of(Role.SUPPRESSION_CHECK));

    @Test
    void aCallerOverItsRateIsRefusedAndCountedWhileOthersGoOn() {
        rate.admit(mailTeam);
        rate.admit(mailTeam);

        assertThatThrownBy(() -> rate.admit(mailTeam)).isInstanceOf(ChecksTooFrequent.class);
        rate.admit(crmTeam);
        assertThat(meters.get("privacy.suppression.checks").tag("client", "mail-team").tag("result", "refused").counter().count())
                .isEqualTo(1);
        assertThat(meters.find("privacy.suppression.checks").tag("client", "sso").counter()).as("not refused").isNull();
    }

    @Test
    void aRefusalIsA429ProblemWithRetryAfter() {
        ResponseEntity<ProblemDetail> refusal = new SuppressionProblems().checksTooFrequent(new ChecksTooFrequent());

        assertThat(refusal.getStatusCode().value()).isEqualTo(429);
        assertThat(refusal.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
        assertThat(refusal.getBody().getTitle()).isEqualTo("Quota exceeded");
    }
}
