package com.acme.privacy.erasure;

import java.time.Instant;
import java.util.UUID;

/**
 * A response to the data subject as recorded.
 *
 * @param answer             whether it is the request's answer: its first final response
 * @param completesExtension whether it is the extension notice given and recorded within the original deadline
 * @param recordedBy         who recorded it, as the audit trail names actors
 */
public record SubjectResponse(UUID id, UUID requestId, SubjectResponseKind kind, String basis, Instant respondedAt,
                              ResponseChannel channel, boolean answer, boolean completesExtension, String recordedBy,
                              Instant recordedAt) {
}
