/**
 * Erasure requests: the entity, intake, status transitions, deadlines and queries. Its refusals are plain exceptions
 * named as facts ({@code TransitionNotAllowed}, {@code FieldRejected}, ...); the HTTP API over it, with the one
 * mapping of those facts to problems, is {@code erasure.web}. Other modules use the types of this package; two named
 * interfaces mark the narrow uses: {@code status} and {@code masking}.
 */
@ApplicationModule(displayName = "Erasure requests",
        allowedDependencies = {"audit", "pii", "security", "web::problems", "web::logging"})
package com.acme.privacy.erasure;

import org.springframework.modulith.ApplicationModule;
