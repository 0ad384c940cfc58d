/**
 * Signed callbacks to the portals: every change of a request that matters to its portal, delivered at least once from
 * Spring Modulith's event publication registry (the transactional outbox), retried with backoff, then dead-lettered.
 */
@ApplicationModule(displayName = "Portal callbacks", allowedDependencies = {"erasure::events", "erasure::status"})
package com.acme.privacy.callback;

import org.springframework.modulith.ApplicationModule;
