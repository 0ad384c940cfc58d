package com.acme.privacy.erasure;

import java.time.Instant;

/**
 * A response given to the data subject, as a portal or an ADMIN reports it.
 *
 * @param basis       why the request was refused, in whole or in part; only for a DENIAL or PARTIAL
 * @param respondedAt when the subject was told
 */
public record ResponseGiven(SubjectResponseKind kind, String basis, Instant respondedAt, ResponseChannel channel) {
}
