/**
 * Identifiers at rest: encryption, keyed hashes for lookups, key rotation and masking. Depends on no other module.
 */
@ApplicationModule(displayName = "Protected identifiers", allowedDependencies = {})
package com.acme.privacy.pii;

import org.springframework.modulith.ApplicationModule;
