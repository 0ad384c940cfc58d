package com.acme.privacy.dispatch;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import com.acme.privacy.audit.AuditEntry;
import com.acme.privacy.audit.AuditEventKind;
import com.acme.privacy.erasure.lifecycle.ClaimedCheck;
import com.acme.privacy.erasure.lifecycle.DispatchQueue;
import com.acme.privacy.erasure.lifecycle.GongCallRecord;
import com.acme.privacy.erasure.lifecycle.GongCallRecord.Identifier;
import com.acme.privacy.gong.GongResponse;

import tools.jackson.databind.json.JsonMapper;

/**
 * What a completion check puts on record: an event per call, and the request's last check. Only counts per kind are
 * kept, never what Gong found.
 */
@Component
class CheckEvents {

    private final JsonMapper json;
    private final Clock clock;
    private final String actor;
    private final String replica;

    CheckEvents(JsonMapper json, Clock clock, DispatchProperties properties) {
        this.json = json;
        this.clock = clock;
        this.replica = properties.replicaId();
        this.actor = DispatchQueue.dispatcher(replica);
    }

    /** A {@code data-for-*} call and its outcome ({@code ": nothing left"}, {@code " failed: ..."}); {@code response} is {@code null} when none arrived. */
    AuditEntry checkCall(ClaimedCheck check, Identifier identifier, GongResponse response, String outcome) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("check", check.number());
        details.put("identifier", identifier.name());
        details.put("httpStatus", response == null ? null : response.status());
        details.put("gongRequestId", response == null ? null : response.requestId());
        details.put("found", response == null || response.dataFound() == null ? null : counts(response.dataFound()));
        details.put("errors", response == null ? List.of() : response.errors().stream().map(GongErrorTexts::scrub).toList());
        details.put("latencyMs", response == null ? null : response.latency().toMillis());
        details.put("replica", replica);
        String endpoint = identifier == Identifier.EMAIL ? "data-for-email-address" : "data-for-phone-number";
        return AuditEntry.of(check.id(), actor, AuditEventKind.COMPLETION_CHECK, endpoint + outcome, details);
    }

    /** An erasure sent again because Gong still held data; on record as any erasure call is. */
    AuditEntry erasedAgain(ClaimedCheck check, GongCallRecord call) {
        Map<String, Object> details = new LinkedHashMap<>(call.details(0, replica));
        details.remove("attempt");
        details.put("resentAfterCheck", check.number());
        return AuditEntry.of(check.id(), actor, AuditEventKind.GONG_CALL, call.endpoint()
                + (call.httpStatus() == null ? " failed" : " answered " + call.httpStatus()) + ": sent again because Gong still held data",
                details);
    }

    /** The request's last check, as JSON: when, which, whether data was left, and the counts per identifier. */
    String summary(ClaimedCheck check, boolean dataLeft, Map<Identifier, GongResponse> answers) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("checkedAt", clock.instant().toString());
        summary.put("check", check.number());
        summary.put("dataLeft", dataLeft);
        answers.forEach((identifier, answer) -> {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("gongRequestId", answer.requestId());
            result.putAll(counts(answer.dataFound()));
            summary.put(identifier == Identifier.EMAIL ? "email" : "phoneNumber", result);
        });
        return json.writeValueAsString(summary);
    }

    private static Map<String, Object> counts(GongResponse.DataFound data) {
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("emails", data.emails());
        counts.put("calls", data.calls());
        counts.put("meetings", data.meetings());
        counts.put("customerData", data.customerData());
        counts.put("customerEngagement", data.customerEngagement());
        return counts;
    }
}
