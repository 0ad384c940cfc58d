package com.acme.privacy.testsupport;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;

/** Gives every test application context annotated with {@link FreshDatabase} a new database of its own. */
class FreshDatabaseContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
        if (!TestContextAnnotationUtils.hasAnnotation(testClass, FreshDatabase.class)) {
            return null;
        }
        return new FreshDatabaseCustomizer();
    }

    private static final class FreshDatabaseCustomizer implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            TestDatabases.TestDatabase database = TestDatabases.fresh();
            Map<String, Object> properties = new HashMap<>();
            properties.put("spring.datasource.url", database.url());
            if (database.username() != null) {
                properties.put("spring.datasource.username", database.username());
                properties.put("spring.datasource.password", database.password());
            }
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("freshTestDatabase", properties));
            // Registered first, so destroyed last: after the pool and everything else that uses the database.
            AutoCloseable lease = TestDatabases.lease();
            ((DefaultListableBeanFactory) context.getBeanFactory()).registerDisposableBean("testDatabaseLease", lease::close);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof FreshDatabaseCustomizer;
        }

        @Override
        public int hashCode() {
            return FreshDatabaseCustomizer.class.hashCode();
        }
    }
}
