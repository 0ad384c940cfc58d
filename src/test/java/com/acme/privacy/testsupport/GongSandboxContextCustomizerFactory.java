package com.acme.privacy.testsupport;

import java.util.List;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;

/** Starts a {@link GongSandbox} for every context annotated with {@link WithGongSandbox} and stops it with the context. */
class GongSandboxContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
        return TestContextAnnotationUtils.hasAnnotation(testClass, WithGongSandbox.class) ? new SandboxCustomizer() : null;
    }

    private static final class SandboxCustomizer implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            GongSandbox sandbox = GongSandbox.start();
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("gongSandbox", sandbox.properties()));
            context.getBeanFactory().registerSingleton("gongSandbox", sandbox);
            context.addApplicationListener(event -> {
                if (event instanceof ContextClosedEvent) {
                    sandbox.close();
                }
            });
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof SandboxCustomizer;
        }

        @Override
        public int hashCode() {
            return SandboxCustomizer.class.hashCode();
        }
    }
}
