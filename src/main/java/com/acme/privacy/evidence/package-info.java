/**
 * Signed evidence: signing keys, receipts, audit anchors and the global verification. It reads the dispatch and Gong
 * settings only to refuse a throwaway signing key outside local runs, and streams anchor heads lists within the
 * export slots.
 */
@ApplicationModule(displayName = "Evidence", allowedDependencies = {"audit", "dispatch", "erasure::masking", "export", "gong",
        "security", "web::problems"})
package com.acme.privacy.evidence;

import org.springframework.modulith.ApplicationModule;
