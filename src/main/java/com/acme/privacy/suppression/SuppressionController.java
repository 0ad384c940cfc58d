package com.acme.privacy.suppression;

import java.util.Optional;

import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.acme.privacy.erasure.SubjectErasure;
import com.acme.privacy.erasure.web.SubjectSearch;
import com.acme.privacy.pii.EmailAddress;
import com.acme.privacy.pii.PhoneNumber;
import com.acme.privacy.security.Caller;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

@RestController
@Tag(name = "Suppression list")
@SecurityRequirement(name = "apiKey")
@SecurityRequirement(name = "bearer")
class SuppressionController {

    private final SuppressionList list;
    private final CheckRate rate;
    private final SuppressionMetrics metrics;

    SuppressionController(SuppressionList list, CheckRate rate, SuppressionMetrics metrics) {
        this.list = list;
        this.rate = rate;
        this.metrics = metrics;
    }

    @PostMapping(path = "/api/v1/suppression/check", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Whether the subject asked to be erased, and when: for stopping re-imports at the source", responses = {
            @ApiResponse(responseCode = "200", description = "The answer, suppressed or not"),
            @ApiResponse(responseCode = "429", description = "Over privacy.suppression.checks-per-second")})
    SuppressionAnswer check(@AuthenticationPrincipal Caller caller, @Valid @RequestBody SubjectSearch query) {
        rate.admit(caller);
        Optional<SubjectErasure> found = query.email() != null ? list.check(new EmailAddress(query.email()))
                : list.check(new PhoneNumber(query.phoneNumber()));
        metrics.checked(caller, found.isPresent() ? "suppressed" : "not_suppressed");
        return SuppressionAnswer.of(found);
    }
}
