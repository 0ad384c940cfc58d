package com.acme.privacy;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * The modules declared in each feature package's {@code package-info.java} keep to their allowed dependencies and
 * touch no other module's internals. Also writes the modules' documentation (a component diagram, one per module,
 * and a canvas per module) to {@code target/spring-modulith-docs}.
 */
class ModularityTest {

    private final ApplicationModules modules = ApplicationModules.of(PrivacyRequestApplication.class);

    @Test
    void featurePackagesRespectTheirBoundaries() {
        modules.verify();
    }

    @Test
    void writesTheModuleDocumentation() {
        new Documenter(modules).writeDocumentation();
    }
}
