/**
 * Signed evidence: signing keys, receipts, audit anchors and the global verification. It streams anchor heads lists
 * within the export slots.
 */
@ApplicationModule(displayName = "Evidence", allowedDependencies = {"audit", "erasure::masking", "export", "security",
        "web::problems"})
package com.acme.privacy.evidence;

import org.springframework.modulith.ApplicationModule;
