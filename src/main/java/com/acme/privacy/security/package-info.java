/** Who may call: API keys, SSO tokens, roles, and the 401/403 problems. */
@ApplicationModule(displayName = "Access control", allowedDependencies = "web::problems")
package com.acme.privacy.security;

import org.springframework.modulith.ApplicationModule;
