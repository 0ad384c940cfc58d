package com.acme.privacy.erasure.lifecycle;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One call to Gong as the audit trail keeps it.
 *
 * @param httpStatus {@code null} when no answer arrived
 * @param failure    why no answer arrived (timeout, connection failure, interruption), or {@code null}
 */
public record GongCallRecord(Identifier identifier, String endpoint, Integer httpStatus, String gongRequestId,
                      List<String> errors, long latencyMs, String failure) {

    public enum Identifier { EMAIL, PHONE }

    /** Gong accepted it and gave its receipt. */
    public boolean accepted() {
        return httpStatus != null && httpStatus / 100 == 2 && gongRequestId != null;
    }

    public Map<String, Object> details(int attempt, String replica) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("attempt", attempt);
        details.put("endpoint", endpoint);
        details.put("httpStatus", httpStatus);
        details.put("gongRequestId", gongRequestId);
        details.put("errors", errors);
        details.put("latencyMs", latencyMs);
        details.put("failure", failure);
        details.put("replica", replica);
        return details;
    }
}
