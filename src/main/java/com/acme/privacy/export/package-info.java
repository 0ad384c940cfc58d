/** The CSV exports of requests and audit events, streamed from the database. */
@ApplicationModule(displayName = "Exports",
        allowedDependencies = {"erasure::status", "erasure::masking", "security", "web::problems"})
package com.acme.privacy.export;

import org.springframework.modulith.ApplicationModule;
