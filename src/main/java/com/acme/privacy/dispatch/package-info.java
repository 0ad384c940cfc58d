/** Forwarding requests to Gong: the round loop, the gate, the queue, leadership and the outcome policy. */
@ApplicationModule(displayName = "Dispatch",
        allowedDependencies = {"audit", "erasure::status", "gong", "pii", "web::logging"})
package com.acme.privacy.dispatch;

import org.springframework.modulith.ApplicationModule;
