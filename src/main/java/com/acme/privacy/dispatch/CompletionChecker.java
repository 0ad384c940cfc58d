package com.acme.privacy.dispatch;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

import com.acme.privacy.audit.AuditEntry;
import com.acme.privacy.audit.AuditEventKind;
import com.acme.privacy.dispatch.GongCallRecord.Identifier;
import com.acme.privacy.gong.GongCallInterrupted;
import com.acme.privacy.gong.GongClient;
import com.acme.privacy.gong.GongResponse;
import com.acme.privacy.gong.GongUnavailable;
import com.acme.privacy.pii.EmailAddress;
import com.acme.privacy.pii.IdentifierUnreadable;
import com.acme.privacy.pii.PhoneNumber;
import com.acme.privacy.pii.ProtectedIdentifiers;
import com.acme.privacy.web.RequestCorrelation;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

/**
 * Asks Gong what is left of a submitted request's subject ({@code data-for-*}), every call through the
 * {@link DispatchGate}. Nothing left: COMPLETED. Data left the first time: the erasure goes again and the request is
 * checked again after the delay; the second time: NEEDS_ATTENTION. Only counts per kind are kept, never content.
 * A check that cannot be made is tried again later; it never changes the request's status.
 */
@Component
class CompletionChecker {

    private static final Logger log = LoggerFactory.getLogger(CompletionChecker.class);

    /** Why the checks of this round stop here, and when the unchecked ones are due again. */
    record Halt(Duration delay, String reason) {
    }

    /** One Gong call of a check: its answer, or why there is none. */
    private record Called(GongResponse response, String failure, Halt halt) {
    }

    private final CheckQueue checks;
    private final DispatchGate gate;
    private final ProtectedIdentifiers identifiers;
    private final GongClient gong;
    private final OutcomePolicy outcomes;
    private final DispatchProperties properties;
    private final DispatchWatchdog watchdog;
    private final MeterRegistry meters;
    private final JsonMapper json;
    private final Clock clock;
    private final String replica;

    CompletionChecker(CheckQueue checks, DispatchGate gate, ProtectedIdentifiers identifiers, GongClient gong,
                      OutcomePolicy outcomes, DispatchProperties properties, DispatchWatchdog watchdog, MeterRegistry meters,
                      JsonMapper json, Clock clock) {
        this.checks = checks;
        this.gate = gate;
        this.identifiers = identifiers;
        this.gong = gong;
        this.outcomes = outcomes;
        this.properties = properties;
        this.watchdog = watchdog;
        this.meters = meters;
        this.json = json;
        this.clock = clock;
        this.replica = properties.replicaId();
    }

    /** Checks one request; {@code null} when the next may follow. */
    Halt check(ClaimedCheck check) {
        MDC.put(RequestCorrelation.MDC_KEY, check.correlationId() != null ? check.correlationId() : check.id().toString());
        try {
            return checkIdentifiers(check);
        } finally {
            MDC.remove(RequestCorrelation.MDC_KEY);
        }
    }

    private Halt checkIdentifiers(ClaimedCheck check) {
        EmailAddress email;
        PhoneNumber phone;
        try {
            email = identifiers.revealEmail(check.email());
            phone = check.phone() == null ? null : identifiers.revealPhone(check.phone());
        } catch (IdentifierUnreadable unreadable) {
            settle(check, later("Its identifiers cannot be read here: " + unreadable.getMessage()), null, List.of());
            return null;
        }
        List<AuditEntry> events = new ArrayList<>();
        Map<Identifier, GongResponse.DataFound> found = new LinkedHashMap<>();
        Map<Identifier, String> checkIds = new LinkedHashMap<>();
        Map<Identifier, Function<GongClient, GongResponse>> probes = new LinkedHashMap<>();
        probes.put(Identifier.EMAIL, client -> client.dataForEmail(email));
        if (phone != null) {
            probes.put(Identifier.PHONE, client -> client.dataForPhone(phone));
        }
        for (Map.Entry<Identifier, Function<GongClient, GongResponse>> probe : probes.entrySet()) {
            Called called = call(probe.getValue());
            if (called.response() != null || called.failure() != null) {
                events.add(checkEvent(check, probe.getKey(), called));
            }
            if (called.halt() != null || called.failure() != null) {
                String reason = called.halt() != null ? called.halt().reason() : called.failure();
                settle(check, new CheckVerdict.Later(called.halt() != null ? called.halt().delay()
                        : properties.completionCheck().retryInterval(), reason), null, events);
                return called.halt();
            }
            found.put(probe.getKey(), called.response().dataFound());
            checkIds.put(probe.getKey(), called.response().requestId());
        }
        boolean dataLeft = found.values().stream().anyMatch(data -> !data.isEmpty());
        CheckVerdict verdict = !dataLeft ? new CheckVerdict.Completed()
                : check.checksWithData() == 0 ? new CheckVerdict.DataLeft() : new CheckVerdict.NeedsAttention();
        Halt halt = null;
        if (verdict instanceof CheckVerdict.DataLeft) {
            halt = eraseAgain(check, email, phone, found, events);
        }
        settle(check, verdict, summary(check, dataLeft, found, checkIds), events);
        return halt;
    }

    /** The identifiers Gong still holds data for are erased once more; each call is on record as any erasure is. */
    private Halt eraseAgain(ClaimedCheck check, EmailAddress email, PhoneNumber phone,
                            Map<Identifier, GongResponse.DataFound> found, List<AuditEntry> events) {
        for (Map.Entry<Identifier, GongResponse.DataFound> data : found.entrySet()) {
            if (data.getValue().isEmpty()) {
                continue;
            }
            Identifier identifier = data.getKey();
            Called called = call(identifier == Identifier.EMAIL ? client -> client.eraseEmail(email) : client -> client.erasePhone(phone));
            if (called.response() != null) {
                OutcomePolicy.Decision decision = outcomes.answered(identifier, called.response(), 0, true);
                Map<String, Object> details = new LinkedHashMap<>(decision.call().details(0, replica));
                details.remove("attempt");
                details.put("resentAfterCheck", check.number());
                events.add(AuditEntry.of(check.id(), DispatchQueue.dispatcher(replica), AuditEventKind.GONG_CALL,
                        decision.call().endpoint() + " answered " + decision.call().httpStatus()
                                + ": sent again because Gong still held data", details));
            }
            if (called.halt() != null) {
                return called.halt();
            }
        }
        return null;
    }

    /**
     * One call through the gate. Any answer but 5xx tells the circuit Gong works; a 429 pauses every call, as for
     * erasures. A 401/403 does not: a token may lack only the read scope, and erasures must go on.
     */
    private Called call(Function<GongClient, GongResponse> request) {
        DispatchGate.Admission admission = gate.admit();
        watchdog.progress();
        if (!admission.admitted()) {
            return new Called(null, null, new Halt(Duration.ZERO, admission.refusal()));
        }
        GongResponse response;
        try {
            response = request.apply(gong);
        } catch (GongUnavailable unavailable) {
            gate.failed(unavailable.latency(), unavailable);
            return new Called(unavailable.response(), "Gong could not answer (" + unavailable.kind() + ")", null);
        } catch (GongCallInterrupted interrupted) {
            gate.abandoned();
            return new Called(null, null, new Halt(Duration.ZERO, "The dispatcher was interrupted"));
        }
        int status = response.status();
        if (status == 429) {
            Duration retryAfter = response.retryAfter() != null ? response.retryAfter() : properties.defaultRetryAfter();
            gate.answered(response.latency(), false, DispatchPause.Reason.RATE_LIMITED, retryAfter);
            return new Called(response, null, new Halt(retryAfter, "Gong's rate limit was exceeded (429)"));
        }
        boolean answered = response.isSuccess() && (response.dataFound() != null || response.requestId() != null);
        gate.answered(response.latency(), answered, null, Duration.ZERO);
        if (status == 401 || status == 403) {
            log.warn("Gong refused a completion check ({}); the credentials may lack the api:data-privacy:read scope", status);
            return new Called(response, null, new Halt(properties.credentialsRetryInterval(),
                    "Gong refused the read (" + status + "); the credentials may lack the api:data-privacy:read scope"));
        }
        return answered ? new Called(response, null, null) : new Called(response, "Gong answered " + status, null);
    }

    private AuditEntry checkEvent(ClaimedCheck check, Identifier identifier, Called called) {
        GongResponse response = called.response();
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
        String reason = called.failure() != null ? endpoint + " failed: " + called.failure()
                : called.halt() != null ? endpoint + ": " + called.halt().reason()
                : response.dataFound().isEmpty() ? endpoint + ": nothing left" : endpoint + ": data left";
        return AuditEntry.of(check.id(), DispatchQueue.dispatcher(replica), AuditEventKind.COMPLETION_CHECK, reason, details);
    }

    private String summary(ClaimedCheck check, boolean dataLeft, Map<Identifier, GongResponse.DataFound> found,
                           Map<Identifier, String> checkIds) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("checkedAt", clock.instant().toString());
        summary.put("check", check.number());
        summary.put("dataLeft", dataLeft);
        found.forEach((identifier, data) -> {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("gongRequestId", checkIds.get(identifier));
            result.putAll(counts(data));
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
        return counts;
    }

    private CheckVerdict.Later later(String reason) {
        return new CheckVerdict.Later(properties.completionCheck().retryInterval(), reason);
    }

    private void settle(ClaimedCheck check, CheckVerdict verdict, String lastCheck, List<AuditEntry> events) {
        if (!checks.record(check, replica, verdict, lastCheck, events)) {
            log.warn("Erasure request {}: the check's claim was lost; its result is on record, the status left as it is", check.id());
        }
        String result = verdict instanceof CheckVerdict.Completed ? "completed" : verdict instanceof CheckVerdict.DataLeft ? "data_left"
                : verdict instanceof CheckVerdict.NeedsAttention ? "needs_attention" : "not_made";
        Counter.builder("privacy.completion.checks").description("Completion checks by result: completed, data_left, "
                + "needs_attention, not_made").tag("result", result).register(meters).increment();
        if (verdict instanceof CheckVerdict.Later later) {
            log.info("Erasure request {}: completion check {} not made: {}; again in {}", check.id(), check.number(), later.reason(),
                    later.delay());
        } else {
            log.info("Erasure request {}: completion check {}: {}", check.id(), check.number(), result);
        }
    }
}
