/**
 * Erasure requests: the entity, intake, status transitions, deadlines and queries. This module alone writes
 * {@code erasure_request}; every status change names a {@link com.acme.privacy.erasure.StatusMove}. Its refusals are
 * plain exceptions named as facts ({@code TransitionNotAllowed}, {@code FieldRejected}, ...); the HTTP API over it,
 * with the one mapping of those facts to problems, is {@code erasure.web}. Other modules use the types of this
 * package; named interfaces mark the narrow uses: {@code status}, {@code masking} and {@code lifecycle} (how the
 * dispatcher and retention change a request).
 */
@ApplicationModule(displayName = "Erasure requests",
        allowedDependencies = {"audit", "pii", "security", "web::problems", "web::logging"})
package com.acme.privacy.erasure;

import org.springframework.modulith.ApplicationModule;
