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

/** Reads {@code requestId}, {@code errors[]}, data counts and {@code Retry-After} from any Gong answer, errors included. */
@Component
class GongResponseReader {

    private static final Duration LONGEST_RETRY_AFTER = Duration.ofDays(1);

    private final JsonMapper json;

    GongResponseReader(JsonMapper json) {
        this.json = json;
    }

    GongResponse read(GongEndpoint endpoint, HttpResponse<byte[]> answer, Duration latency) {
        JsonNode body = parse(answer.body());
        String requestId = body.path("requestId").isString() ? body.path("requestId").asString() : null;
        List<String> errors = new ArrayList<>();
        body.path("errors").forEach(error -> errors.add(error.asString()));
        GongResponse.DataFound dataFound = body.has("emails") || body.has("calls")
                ? new GongResponse.DataFound(body.path("emails").size(), body.path("calls").size(), body.path("meetings").size(),
                body.path("customerData").size())
                : null;
        Duration retryAfter = answer.headers().firstValue("Retry-After").map(GongResponseReader::retryAfter).orElse(null);
        return new GongResponse(endpoint, answer.statusCode(), requestId, errors, retryAfter, latency, dataFound);
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
