/** Purging and anonymising closed requests. */
@ApplicationModule(displayName = "Retention", allowedDependencies = {"audit", "erasure::status", "pii"})
package com.acme.privacy.retention;

import org.springframework.modulith.ApplicationModule;
