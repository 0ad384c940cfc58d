package com.acme.privacy.erasure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Only the erasure module writes {@code erasure_request} and {@code subject_response}; others change a request through
 * its lifecycle interface.
 */
class RequestTableOwnershipTest {

    private static final Path SOURCES = Path.of("src/main/java/com/acme/privacy");
    private static final Pattern WRITE =
            Pattern.compile("(?i)(UPDATE|INSERT\\s+INTO|DELETE\\s+FROM)\\s+(erasure_request|subject_response)\\b");

    @Test
    void noFileOutsideTheErasureModuleWritesTheRequestTables() throws IOException {
        List<Path> writers;
        try (Stream<Path> files = Files.walk(SOURCES)) {
            writers = files.filter(file -> file.toString().endsWith(".java"))
                    .filter(file -> WRITE.matcher(read(file)).find())
                    .map(SOURCES::relativize)
                    .toList();
        }
        assertThat(writers).isNotEmpty().allSatisfy(file -> assertThat(file.startsWith("erasure")).as(file.toString()).isTrue());
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
