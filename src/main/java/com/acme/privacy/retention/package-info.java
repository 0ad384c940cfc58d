/** When closed requests are purged and anonymised; the purge and anonymisation themselves are the erasure module's. */
@ApplicationModule(displayName = "Retention", allowedDependencies = {"erasure::lifecycle"})
package com.acme.privacy.retention;

import org.springframework.modulith.ApplicationModule;
