package com.acme.privacy.erasure.web;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.data.domain.KeysetScrollPosition;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Sort;

import com.acme.privacy.erasure.ErasureStatus;
import com.acme.privacy.erasure.FieldRejected;

import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where the next window starts, as an opaque token: the sort it belongs to and the last row's sort values and id. A
 * caller passes it back unchanged with the same sort; anything else is a 400.
 */
final class WindowCursor {

    private static final TypeReference<Map<String, String>> TEXT_MAP = new TypeReference<>() {
    };

    private final JsonMapper json;

    WindowCursor(JsonMapper json) {
        this.json = json;
    }

    String encode(Sort sort, ScrollPosition next) {
        Map<String, String> token = new LinkedHashMap<>();
        token.put("sort", sort.toString());
        ((KeysetScrollPosition) next).getKeys().forEach((key, value) -> token.put(key, String.valueOf(value)));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.writeValueAsBytes(token));
    }

    /** The first window without a cursor; after it, the position the cursor names. */
    ScrollPosition decode(String cursor, Sort sort) {
        if (cursor == null) {
            return ScrollPosition.keyset();
        }
        try {
            Map<String, String> token = json.readValue(Base64.getUrlDecoder().decode(cursor), TEXT_MAP);
            if (!sort.toString().equals(token.remove("sort"))) {
                throw new FieldRejected("cursor", "belongs to another sort; page with the sort it was issued for");
            }
            Map<String, Object> keys = new LinkedHashMap<>();
            token.forEach((key, value) -> keys.put(key, typed(key, value)));
            return ScrollPosition.forward(keys);
        } catch (IllegalArgumentException | JacksonException | DateTimeParseException e) {
            throw new FieldRejected("cursor", "is not a cursor this service issued");
        }
    }

    private static Object typed(String property, String value) {
        return switch (property) {
            case "id" -> UUID.fromString(value);
            case "status" -> ErasureStatus.valueOf(value);
            case "createdAt", "receivedAt", "dueAt", "updatedAt" -> Instant.parse(value);
            default -> throw new IllegalArgumentException("Not a sort key");
        };
    }
}
