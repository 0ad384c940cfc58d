package com.acme.privacy.gong;

import java.time.Duration;
import java.util.List;

/**
 * Gong's answer to one call.
 *
 * @param retryAfter {@code Retry-After} of a 429, or {@code null} when absent or unreadable
 * @param dataFound  for a data-for endpoint's 2xx: how many items Gong still holds per kind; {@code null} otherwise, and
 *                   when the answer could not be read
 */
public record GongResponse(GongEndpoint endpoint, int status, String requestId, List<String> errors, Duration retryAfter,
                           Duration latency, DataFound dataFound) {

    public GongResponse {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    /**
     * What {@code data-for-*} reports; all zero once Gong holds nothing more for the subject. Gong's schema makes
     * every list optional: a missing list holds nothing.
     */
    public record DataFound(int emails, int calls, int meetings, int customerData, int customerEngagement) {

        public boolean isEmpty() {
            return emails == 0 && calls == 0 && meetings == 0 && customerData == 0 && customerEngagement == 0;
        }
    }
}
