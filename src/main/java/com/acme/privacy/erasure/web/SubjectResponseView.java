package com.acme.privacy.erasure.web;

import java.time.Instant;
import java.util.UUID;

import com.acme.privacy.erasure.ResponseChannel;
import com.acme.privacy.erasure.SubjectResponse;
import com.acme.privacy.erasure.SubjectResponseKind;

import io.swagger.v3.oas.annotations.media.Schema;

/** A response to the data subject as recorded; who recorded it is in the audit trail. */
record SubjectResponseView(
        UUID id,
        UUID requestId,
        SubjectResponseKind kind,
        String basis,
        Instant respondedAt,
        ResponseChannel channel,
        @Schema(description = "Whether this is the request's answer: its first CONFIRMED_ERASURE, PARTIAL or DENIAL")
        boolean answer,
        @Schema(description = "Whether this EXTENSION_NOTICE was given and recorded within the original deadline, which "
                + "completes the extension")
        boolean completesExtension,
        Instant recordedAt) {

    static SubjectResponseView of(SubjectResponse response) {
        return new SubjectResponseView(response.id(), response.requestId(), response.kind(), response.basis(),
                response.respondedAt(), response.channel(), response.answer(), response.completesExtension(),
                response.recordedAt());
    }
}
