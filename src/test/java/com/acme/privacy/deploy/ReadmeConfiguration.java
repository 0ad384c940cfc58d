package com.acme.privacy.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The properties documented in the first column of README.md's "Configuration" table, matched loosely the way
 * Spring's relaxed binding does: case, {@code _}, {@code -} and {@code .} do not count, and {@code <id>},
 * {@code <n>}, {@code [n]} and {@code *} stand for any text.
 */
final class ReadmeConfiguration {

    private static final Pattern CODE = Pattern.compile("`([^`]+)`");
    private static final Pattern WILDCARD = Pattern.compile("<[^>]*>|\\[[^\\]]*\\]|\\*");

    private final List<Row> rows;
    private final List<Pattern> properties;

    private ReadmeConfiguration(List<Row> rows) {
        this.rows = rows;
        this.properties = rows.stream().flatMap(row -> row.properties().stream()).map(ReadmeConfiguration::pattern).toList();
    }

    /**
     * One line of the table.
     *
     * @param properties  the names in its first column, as written
     * @param defaults    the code spans of its second column: one default per name, or none stated
     * @param defaultCell the second column as written, e.g. "none"
     */
    record Row(List<String> properties, List<String> defaults, String defaultCell) {
    }

    static ReadmeConfiguration read(Path readme) {
        try {
            return parse(Files.readAllLines(readme));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ReadmeConfiguration parse(List<String> lines) {
        List<Row> rows = new ArrayList<>();
        boolean inSection = false;
        for (String line : lines) {
            if (line.startsWith("## ")) {
                inSection = line.equals("## Configuration");
            } else if (inSection && line.startsWith("|")) {
                String[] cells = line.split("\\|");
                rows.add(new Row(codeSpans(cells, 1), codeSpans(cells, 2), cells.length > 2 ? cells[2].strip() : ""));
            }
        }
        return new ReadmeConfiguration(rows);
    }

    List<Row> rows() {
        return rows;
    }

    private static List<String> codeSpans(String[] cells, int column) {
        List<String> spans = new ArrayList<>();
        Matcher code = CODE.matcher(cells.length > column ? cells[column] : "");
        while (code.find()) {
            spans.add(code.group(1));
        }
        return spans;
    }

    boolean isEmpty() {
        return properties.isEmpty();
    }

    boolean documents(String environmentVariable) {
        String name = normalise(environmentVariable);
        return properties.stream().anyMatch(property -> property.matcher(name).matches());
    }

    private static Pattern pattern(String property) {
        String lowerCase = property.toLowerCase(Locale.ROOT);
        StringBuilder regex = new StringBuilder();
        Matcher wildcard = WILDCARD.matcher(lowerCase);
        int literalStart = 0;
        while (wildcard.find()) {
            regex.append(Pattern.quote(normalise(lowerCase.substring(literalStart, wildcard.start())))).append(".+");
            literalStart = wildcard.end();
        }
        regex.append(Pattern.quote(normalise(lowerCase.substring(literalStart))));
        return Pattern.compile(regex.toString());
    }

    private static String normalise(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[-_.]", "");
    }
}
