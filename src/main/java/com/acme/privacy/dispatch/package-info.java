/**
 * Forwarding requests to Gong: the round loop, the gate, leadership and the outcome policy. It changes requests only
 * through the erasure module's lifecycle interface; its gate's state is readable through {@code dispatch::gate}.
 */
@ApplicationModule(displayName = "Dispatch",
        allowedDependencies = {"audit", "erasure::status", "erasure::lifecycle", "evidence", "gong", "pii", "web::logging"})
package com.acme.privacy.dispatch;

import org.springframework.modulith.ApplicationModule;
