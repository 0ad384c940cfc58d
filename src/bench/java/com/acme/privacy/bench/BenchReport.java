package com.acme.privacy.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.stream.Stream;

/** Appends results to target/bench/results.md, with the machine and the date, and prints them. */
final class BenchReport {

    private BenchReport() {
    }

    static void write(String title, String markdown) {
        String text = "\n## " + title + "\n\n" + machine() + "\n\n" + markdown.strip() + "\n";
        System.out.println(text);
        try {
            Path results = Path.of(System.getProperty("bench.results", "target/bench"), "results.md");
            Files.createDirectories(results.getParent());
            Files.writeString(results, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String machine() {
        String cpu = "unknown CPU";
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            cpu = lines.filter(line -> line.startsWith("model name")).findFirst().map(line -> line.substring(line.indexOf(':') + 1).strip())
                    .orElse(cpu);
        } catch (IOException e) {
            // Not Linux: the core count still says something.
        }
        return "Machine: " + Runtime.getRuntime().availableProcessors() + " cores (" + cpu + "), Java "
                + Runtime.version().feature() + ", " + LocalDate.now() + ".";
    }
}
