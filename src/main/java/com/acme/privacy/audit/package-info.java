/**
 * The append-only, hash-chained audit trail of every request, and its verification. Depends on no other module.
 */
@ApplicationModule(displayName = "Audit trail", allowedDependencies = {})
package com.acme.privacy.audit;

import org.springframework.modulith.ApplicationModule;
