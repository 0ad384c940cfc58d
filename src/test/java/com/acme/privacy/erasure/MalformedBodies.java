package com.acme.privacy.erasure;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Generates submission bodies that break the input rules, each in one to three ways: a valid body with distinct
 * fields spoilt (so that no fault can cancel another), sometimes with its JSON text or bytes spoilt as well. Every
 * body is malformed by construction, whatever the draw.
 */
final class MalformedBodies {

    record Field(String name, String json) {
    }

    private static final List<String> STRING_FIELDS = List.of("email", "phoneNumber", "externalReference");
    private static final List<String> WRONG_TYPES = List.of("true", "false", "0", "-7", "3.14", "1e3", "[]",
            "[\"x\"]", "{}", "{\"value\":\"x\"}");
    private static final List<String> BAD_REGULATIONS = List.of("0", "2", "true", "[]", "[\"GDPR\"]", "{}", "\"\"", "\" \"",
            "\"gdpr\"", "\"LGPD\"", "\"GDPR \"", "\"G\\u0000DPR\"");
    private static final List<String> BAD_EMAILS = List.of("plainaddress", "@example.com", "jane@", "jane@@example.com",
            "ja ne@example.com", "jane@exa mple.com", "a".repeat(65) + "@example.com", "b".repeat(250) + "@example.com",
            "\\\"jane doe\\\"@example.com", "\\\"jane\\\"@example.com", "jane@[192.0.2.1]", "jane@[300.300.300.300]",
            "jane@[IPv6:2001:db8::1]", "", " ", "\\t");
    private static final List<String> BAD_PHONES = List.of("015112345678", "+0151123456", "+49 151 1234567",
            "+1234567890123456", "+49-151-123", "phone", "+", "+1", "4915112345678", "+\\uff14\\uff19151123456", "", " ");
    private static final List<String> CONTROL = List.of("\\u0000", "\\u0007", "\\n", "\\t", "\\u001f", "\\u007f",
            "\\u0085", "\\u200e", "\\u202e", "\\u2028", "\\u2029", "\\ufeff");
    private static final List<String> KNOWN = List.of("email", "phoneNumber", "regulation", "externalReference", "receivedAt");
    private static final List<String> UNKNOWN = List.of("source", "phone", "Email", "status", "id", "dueAt", "e-mail",
            "regulations", "receivedat", "");

    private final Random random;
    private final Instant now = Instant.now();

    MalformedBodies(long seed) {
        this.random = new Random(seed);
    }

    /** The next malformed body, as the bytes to send. */
    byte[] next() {
        List<Field> fields = valid();
        List<String> spoilt = new ArrayList<>();
        int faults = 1 + random.nextInt(3);
        for (int i = 0; i < faults; i++) {
            spoil(fields, spoilt);
        }
        String json = fields.stream().map(field -> "\"" + field.name() + "\":" + field.json())
                .collect(Collectors.joining(",", "{", "}"));
        return random.nextInt(6) == 0 ? spoilText(json) : json.getBytes(StandardCharsets.UTF_8);
    }

    private List<Field> valid() {
        List<Field> fields = new ArrayList<>();
        fields.add(new Field("email", string("p" + Long.toHexString(random.nextLong()) + "@example.com")));
        fields.add(new Field("regulation", string(pick(List.of("GDPR", "CCPA", "OTHER")))));
        if (random.nextBoolean()) {
            fields.add(new Field("phoneNumber", string("+49151" + (1_000_000 + random.nextInt(9_000_000)))));
        }
        if (random.nextBoolean()) {
            fields.add(new Field("externalReference", string("TICKET-" + random.nextInt(100_000))));
        }
        if (random.nextBoolean()) {
            fields.add(new Field("receivedAt", string(now.minus(random.nextInt(80), ChronoUnit.DAYS).toString())));
        }
        return fields;
    }

    /** Spoils one field no earlier fault has touched. */
    private void spoil(List<Field> fields, List<String> spoilt) {
        List<Function<List<String>, String>> faults = List.of(
                untouched -> replace(fields, pickFrom(STRING_FIELDS, untouched), pick(WRONG_TYPES)),
                untouched -> replace(fields, pickFrom(List.of("regulation"), untouched), pick(BAD_REGULATIONS)),
                untouched -> replace(fields, pickFrom(List.of("receivedAt"), untouched), badInstant()),
                untouched -> replace(fields, pickFrom(List.of("email"), untouched), string(pick(BAD_EMAILS))),
                untouched -> replace(fields, pickFrom(List.of("phoneNumber"), untouched), string(pick(BAD_PHONES))),
                untouched -> replace(fields, pickFrom(List.of("email", "externalReference"), untouched), withInvalidUnicode(untouched)),
                untouched -> replace(fields, pickFrom(List.of("email", "externalReference"), untouched), withControlCharacter()),
                untouched -> replace(fields, pickFrom(List.of("externalReference"), untouched),
                        string("R".repeat(201 + random.nextInt(300)))),
                untouched -> replace(fields, pickFrom(List.of("externalReference"), untouched), string(pick(List.of("", " ", "   ")))),
                untouched -> replace(fields, pickFrom(List.of("email", "regulation"), untouched), pick(List.of("null", "absent"))),
                untouched -> unknownField(fields),
                untouched -> repeatedField(fields, pickFrom(KNOWN, untouched)));
        String name = null;
        while (name == null) {
            name = faults.get(random.nextInt(faults.size())).apply(KNOWN.stream().filter(n -> !spoilt.contains(n)).toList());
        }
        spoilt.add(name);
    }

    /** @return the field spoilt, or {@code null} when this fault had no field left to spoil */
    private String replace(List<Field> fields, String name, String json) {
        if (name == null) {
            return null;
        }
        fields.removeIf(field -> field.name().equals(name));
        if (!json.equals("absent")) {
            fields.add(random.nextInt(fields.size() + 1), new Field(name, json));
        }
        return name;
    }

    private String unknownField(List<Field> fields) {
        String name = pick(UNKNOWN);
        fields.add(random.nextInt(fields.size() + 1), new Field(name, string("x")));
        return "unknown:" + name;
    }

    /** The field given a second time, with a value that on its own would be valid. */
    private String repeatedField(List<Field> fields, String name) {
        if (name == null) {
            return null;
        }
        Field again = valid().stream().filter(field -> field.name().equals(name)).findFirst()
                .orElse(new Field(name, name.equals("receivedAt") ? string(now.toString()) : string("+4915112345678")));
        if (fields.stream().noneMatch(field -> field.name().equals(name))) {
            fields.add(again);
        }
        fields.add(random.nextInt(fields.size() + 1), again);
        return name;
    }

    private String badInstant() {
        return pick(List.of("0", "1795000000", "17.5", "true", "[]", "{}", "\"\"", "\" \"", "\"\\u0000\"", "\"\\t\"",
                "\"1795000000\"", "\"2026-11-01\"", "\"yesterday\"", "\"2026-13-01T00:00:00Z\"", "\"2026-11-01T25:00:00Z\"",
                "\"2026-11-01 09:30:00Z\"", "\"2026-11-01T09:30:00\"", "\" " + now + "\"",
                string(now.plus(1 + random.nextInt(1000), ChronoUnit.HOURS).toString()),
                string(now.minus(91 + random.nextInt(3000), ChronoUnit.DAYS).toString())));
    }

    /** A lone surrogate or a noncharacter, JSON-escaped: a raw one could not even be encoded as UTF-8. */
    private String withInvalidUnicode(List<String> untouched) {
        String bad = switch (random.nextInt(4)) {
            case 0 -> escape(0xD800 + random.nextInt(0x400));
            case 1 -> escape(0xDC00 + random.nextInt(0x400));
            case 2 -> escape(0xFDD0 + random.nextInt(0x20));
            default -> {
                int codePoint = (random.nextInt(17) << 16) | 0xFFFE | random.nextInt(2);
                yield new String(Character.toChars(codePoint)).chars().mapToObj(MalformedBodies::escape).collect(Collectors.joining());
            }
        };
        return string("ja" + bad + "ne@example.com");
    }

    private String withControlCharacter() {
        return string("ja" + pick(CONTROL) + "ne@example.com");
    }

    /** Breaks the JSON text itself: cut short, trailing data, not an object, or bytes that are not UTF-8. */
    private byte[] spoilText(String json) {
        String spoilt = switch (random.nextInt(6)) {
            case 0 -> json.substring(0, 1 + random.nextInt(json.length() - 1));
            case 1 -> json + pick(List.of("x", "}", ",", "{}", "[]", "\"tail\""));
            case 2 -> "[" + json + "]";
            case 3 -> pick(List.of("null", "\"text\"", "42", "true", "[]", "", " "));
            case 4 -> json.replaceFirst("\\{", "{\"x\":1,,");
            default -> null;
        };
        if (spoilt != null) {
            return spoilt.getBytes(StandardCharsets.UTF_8);
        }
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        int at = Math.max(json.indexOf('@'), 1);
        // Not an overlong form such as c0af: Jackson decodes it as '/', which an address may hold.
        byte[] invalid = HexFormat.of().parseHex(pick(List.of("c328", "a0a1", "e228a1", "f0288cbc", "ff", "eda080")));
        byte[] result = new byte[bytes.length + invalid.length];
        System.arraycopy(bytes, 0, result, 0, at);
        System.arraycopy(invalid, 0, result, at, invalid.length);
        System.arraycopy(bytes, at, result, at + invalid.length, bytes.length - at);
        return result;
    }

    private String pickFrom(List<String> candidates, List<String> untouched) {
        List<String> free = candidates.stream().filter(untouched::contains).toList();
        return free.isEmpty() ? null : pick(free);
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static String escape(int codeUnit) {
        return String.format("\\u%04x", codeUnit);
    }

    private static String string(String content) {
        return "\"" + content + "\"";
    }
}
