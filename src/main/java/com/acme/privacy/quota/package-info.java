/** Submission quotas per caller: a rate per replica and a daily count shared through PostgreSQL. */
@ApplicationModule(displayName = "Quotas", allowedDependencies = {"security", "web::problems"})
package com.acme.privacy.quota;

import org.springframework.modulith.ApplicationModule;
