package com.acme.privacy.erasure.web;

import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.acme.privacy.erasure.SubjectResponses;
import com.acme.privacy.security.Caller;
import com.acme.privacy.security.Role;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

/** The answer to the data subject on record: what they were told, when and how. */
@RestController
@RequestMapping(path = "/api/v1/erasure-requests", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Erasure requests")
@SecurityRequirement(name = "apiKey")
@SecurityRequirement(name = "bearer")
class SubjectResponseController {

    private final SubjectResponses responses;

    SubjectResponseController(SubjectResponses responses) {
        this.responses = responses;
    }

    @PostMapping(path = "/{id}/responses", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Record what the data subject was told, when and how (its portal or an ADMIN)", responses = {
            @ApiResponse(responseCode = "201", description = "Recorded, with its SUBJECT_RESPONSE audit event"),
            @ApiResponse(responseCode = "400", description = "A basis missing or not expected, or respondedAt in the future "
                    + "or before the request was received"),
            @ApiResponse(responseCode = "404", description = "No such request among those the caller may answer"),
            @ApiResponse(responseCode = "409", description = "Not for the request as it stands: an erasure confirmed before "
                    + "Gong accepted it, a denial of a request not cancelled, a notice of an extension that was not made")})
    SubjectResponseView record(@AuthenticationPrincipal Caller caller, @PathVariable UUID id,
                               @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(examples = {
                                       @ExampleObject(name = "confirmed", value = """
                                               {"kind": "CONFIRMED_ERASURE", "respondedAt": "2026-12-01T10:15:00Z", "channel": "email"}"""),
                                       @ExampleObject(name = "denied", value = """
                                               {"kind": "DENIAL", "basis": "Identity could not be verified, ticket PRIV-204",
                                                "respondedAt": "2026-12-01T10:15:00Z", "channel": "letter"}"""),
                                       @ExampleObject(name = "extension notice", value = """
                                               {"kind": "EXTENSION_NOTICE", "respondedAt": "2026-12-01T10:15:00Z", "channel": "portal"}""")}))
                               @Valid @RequestBody SubjectResponseBody body) {
        String onlySource = caller.roles().contains(Role.ADMIN) ? null : caller.source();
        return SubjectResponseView.of(responses.record(id, onlySource, caller.actor(), body.toResponse()));
    }
}
