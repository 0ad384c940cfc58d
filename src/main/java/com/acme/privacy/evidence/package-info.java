/** Signed evidence: signing keys, receipts, audit anchors and the global verification. */
@ApplicationModule(displayName = "Evidence", allowedDependencies = {"audit", "erasure::masking", "security", "web::problems"})
package com.acme.privacy.evidence;

import org.springframework.modulith.ApplicationModule;
