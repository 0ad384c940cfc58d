/**
 * What every HTTP endpoint shares: problem+json for framework errors, strict JSON input, the body limit and
 * correlation ids. It depends on no feature; features depend on it through two named interfaces, {@code problems}
 * (the one invalid-request shape, problem bodies outside controllers) and {@code logging} (correlation ids, redacted
 * failures).
 */
@ApplicationModule(displayName = "Web infrastructure", allowedDependencies = {})
package com.acme.privacy.web;

import org.springframework.modulith.ApplicationModule;
