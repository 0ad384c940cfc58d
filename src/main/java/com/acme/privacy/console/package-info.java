/** The compliance console: server-rendered pages over the erasure module's queries and transitions. */
@ApplicationModule(displayName = "Compliance console", allowedDependencies = {"audit", "callback::dead-letters", "erasure",
        "erasure::regulations", "erasure::status", "erasure::masking", "dispatch::gate", "evidence", "export", "pii", "report",
        "security", "web::logging"})
package com.acme.privacy.console;

import org.springframework.modulith.ApplicationModule;
