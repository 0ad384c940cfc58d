/** The HTTP client for Gong's four data-privacy endpoints. */
@ApplicationModule(displayName = "Gong client", allowedDependencies = "pii")
package com.acme.privacy.gong;

import org.springframework.modulith.ApplicationModule;
