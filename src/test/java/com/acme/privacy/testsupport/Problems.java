package com.acme.privacy.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

public final class Problems {

    private Problems() {
    }

    /** A problem body must not reveal how the service is built. */
    public static void assertNoInternals(String problem) {
        assertThat(problem).doesNotContainIgnoringCase("exception")
                .doesNotContain("at com.", "at org.", "java.", "tools.jackson", "SELECT", "INSERT", "trace");
    }
}
