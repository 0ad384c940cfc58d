package com.acme.privacy.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

/**
 * README.md's Configuration table agrees with the metadata that spring-boot-configuration-processor generates from the
 * {@code @ConfigurationProperties} records, where every default lives: each {@code privacy.*} property the records
 * bind is documented, each documented one exists, and a default the README states is the record's.
 */
class ConfigurationMetadataTest {

    private static final Path METADATA = Path.of("target/classes/META-INF/spring-configuration-metadata.json");

    private final Map<String, Map<String, Object>> metadata = privacyProperties();
    private final List<ReadmeConfiguration.Row> rows = ReadmeConfiguration.read(Path.of("README.md")).rows().stream()
            .filter(row -> row.properties().stream().anyMatch(ConfigurationMetadataTest::isPrivacy))
            .toList();
    private final List<String> documented = rows.stream().flatMap(row -> row.properties().stream())
            .filter(ConfigurationMetadataTest::isPrivacy).toList();

    @Test
    void everyPropertyTheRecordsBindIsDocumented() {
        assertThat(metadata).as("the processor wrote metadata for the records").containsKey("privacy.dispatch.lease");
        assertThat(metadata.keySet().stream().filter(name -> documented.stream().noneMatch(doc -> covers(doc, name))))
                .as("privacy.* properties missing from README.md's Configuration table").isEmpty();
    }

    @Test
    void everyDocumentedPropertyExists() {
        assertThat(documented.stream().filter(doc -> metadata.keySet().stream().noneMatch(name -> covers(doc, name))))
                .as("properties README.md documents that no record binds").isEmpty();
    }

    @Test
    void theDefaultsTheReadmeStatesAreTheRecordsDefaults() {
        List<String> mismatches = new ArrayList<>();
        for (ReadmeConfiguration.Row row : rows) {
            for (int i = 0; i < row.properties().size(); i++) {
                String name = row.properties().get(i);
                Map<String, Object> property = metadata.get(name);
                if (property == null) {
                    continue;  // a list element or map key; everyDocumentedPropertyExists covers it
                }
                Object actual = property.get("defaultValue");
                if (row.defaultCell().equals("none")) {
                    if (actual != null) {
                        mismatches.add(name + ": README says none, the record says " + actual);
                    }
                } else if (row.defaults().size() == row.properties().size() && !same(row.defaults().get(i), actual)) {
                    mismatches.add(name + ": README says " + row.defaults().get(i) + ", the record says " + actual);
                }
            }
        }
        assertThat(mismatches).isEmpty();
    }

    @Test
    void everyPropertyHasADescription() {
        assertThat(metadata.values().stream().filter(property -> property.get("description") == null)
                .map(property -> property.get("name")))
                .as("properties whose record component has no javadoc").isEmpty();
    }

    /**
     * Whether a README name stands for a metadata name: {@code [n]} marks a list's elements and {@code <id>} a map's
     * keys (or the fields of a nested record), so the metadata names the list or map itself.
     */
    private static boolean covers(String documented, String name) {
        String head = documented.contains("[") ? documented.substring(0, documented.indexOf('[')) : documented;
        String regex = Pattern.quote(head).replaceAll("\\.<[^>]*>", "\\\\E(?:\\\\.[^.]+)?\\\\Q");
        return name.matches(regex);
    }

    private static boolean same(String documented, Object actual) {
        if (actual instanceof Number number) {
            return documented.matches("-?[0-9.]+") && new BigDecimal(documented).compareTo(new BigDecimal(number.toString())) == 0;
        }
        if (actual instanceof List<?> values) {
            return documented.equals(values.stream().map(String::valueOf).collect(Collectors.joining(",")));
        }
        return documented.equals(String.valueOf(actual));
    }

    private static boolean isPrivacy(String name) {
        return name.startsWith("privacy.");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> privacyProperties() {
        Map<String, Object> json = JsonMapper.builder().build().readValue(new File(METADATA.toString()), Map.class);
        Map<String, Map<String, Object>> byName = new TreeMap<>();
        for (Object property : (List<Object>) json.get("properties")) {
            Map<String, Object> fields = (Map<String, Object>) property;
            String name = (String) fields.get("name");
            if (isPrivacy(name)) {
                byName.put(name, fields);
            }
        }
        return byName;
    }
}
