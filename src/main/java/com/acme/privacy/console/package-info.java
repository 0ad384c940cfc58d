/**
 * The compliance console: server-rendered pages over the erasure module's queries and transitions. Its dependencies
 * are not pinned here while the console is still growing; ModularityTest still refuses cycles and internal types.
 */
@ApplicationModule(displayName = "Compliance console")
package com.acme.privacy.console;

import org.springframework.modulith.ApplicationModule;
