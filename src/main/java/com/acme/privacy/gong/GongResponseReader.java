package com.acme.privacy.gong;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads {@code requestId}, {@code errors[]}, data counts and {@code Retry-After} from any Gong answer, errors included.
 * The lists that count as data left are those that hold the subject's content ({@code emails}, {@code calls},
 * {@code meetings}, {@code customerData}, {@code customerEngagement}); the phone twin's {@code emailAddresses} and
 * {@code matchingPhoneNumbers} only name the identifiers Gong matched.
 */
@Component
class GongResponseReader {

    private static final Duration LONGEST_RETRY_AFTER = Duration.ofDays(1);
    private static final List<String> DATA_LISTS = List.of("emails", "calls", "meetings", "customerData", "customerEngagement");

    private final JsonMapper json;

    GongResponseReader(JsonMapper json) {
        this.json = json;
    }

    GongResponse read(GongEndpoint endpoint, HttpResponse<byte[]> answer, Duration latency) {
        JsonNode body = parse(answer.body());
        String requestId = body.path("requestId").isString() ? body.path("requestId").asString() : null;
        List<String> errors = new ArrayList<>();
        body.path("errors").forEach(error -> errors.add(error.asString()));
        GongResponse.DataFound dataFound = endpoint.isDataFor() && answer.statusCode() / 100 == 2 ? dataFound(body) : null;
        Duration retryAfter = answer.headers().firstValue("Retry-After").map(GongResponseReader::retryAfter).orElse(null);
        return new GongResponse(endpoint, answer.statusCode(), requestId, errors, retryAfter, latency, dataFound);
    }

    /** Every list may be missing, which means none; anything that is not an object of lists is unreadable ({@code null}). */
    private static GongResponse.DataFound dataFound(JsonNode body) {
        if (!body.isObject()) {
            return null;
        }
        int[] counts = new int[DATA_LISTS.size()];
        for (int i = 0; i < counts.length; i++) {
            JsonNode list = body.path(DATA_LISTS.get(i));
            if (!list.isMissingNode() && !list.isNull() && !list.isArray()) {
                return null;
            }
            counts[i] = list.size();
        }
        return new GongResponse.DataFound(counts[0], counts[1], counts[2], counts[3], counts[4]);
    }

    /** Whole seconds, as Gong sends; an HTTP date is accepted too. Anything else is treated as absent. */
    static Duration retryAfter(String value) {
        String trimmed = value.strip();
        try {
            if (trimmed.matches("\\d{1,9}")) {
                return min(Duration.ofSeconds(Long.parseLong(trimmed)));
            }
            Instant at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration until = Duration.between(Instant.now(), at);
            return until.isNegative() ? Duration.ZERO : min(until);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Duration min(Duration duration) {
        return duration.compareTo(LONGEST_RETRY_AFTER) > 0 ? LONGEST_RETRY_AFTER : duration;
    }

    private JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            return json.missingNode();
        }
        try {
            return json.readTree(body);
        } catch (JacksonException e) {
            // A proxy's HTML error page, say; the status still tells what happened.
            return json.missingNode();
        }
    }
}
