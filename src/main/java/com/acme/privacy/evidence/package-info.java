/**
 * Signed evidence: signing keys, receipts, audit anchors and the global verification. It reads the dispatch and Gong
 * settings only to refuse a throwaway signing key outside local runs.
 */
@ApplicationModule(displayName = "Evidence", allowedDependencies = {"audit", "dispatch", "erasure::masking", "gong", "security",
        "web::problems"})
package com.acme.privacy.evidence;

import org.springframework.modulith.ApplicationModule;
