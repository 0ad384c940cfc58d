/**
 * The suppression list: whether a subject asked to be erased and when, for the CRM and mail teams, so that re-imports
 * are stopped at the source. It answers from the requests that still carry keyed hashes and, once retention anonymised
 * them, from its own entries, which keep the keyed hash alone.
 */
@ApplicationModule(displayName = "Suppression list", allowedDependencies = {"erasure::events", "erasure::subjects",
        "erasure::status", "pii", "security", "web::problems"})
package com.acme.privacy.suppression;

import org.springframework.modulith.ApplicationModule;
