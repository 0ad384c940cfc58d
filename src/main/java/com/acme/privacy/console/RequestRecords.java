package com.acme.privacy.console;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import com.acme.privacy.audit.AuditEvent;
import com.acme.privacy.audit.AuditEventKind;
import com.acme.privacy.audit.AuditTrail;
import com.acme.privacy.audit.ChainVerification;
import com.acme.privacy.erasure.Deadlines;
import com.acme.privacy.erasure.ErasureRequest;
import com.acme.privacy.erasure.ErasureRequestQueries;
import com.acme.privacy.erasure.ErasureStatus;
import com.acme.privacy.erasure.MaskedIdentifiers;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a request, its whole trail and the trail's check in one REPEATABLE READ snapshot, so that a dispatcher
 * committing a status change and its event meanwhile cannot make the chain look cut off. The console recomputes
 * the whole chain on every read: people open one request at a time, and the page should show the database's own
 * verdict, not a remembered one.
 */
@Component
class RequestRecords {

    private static final TypeReference<Map<String, Object>> DETAILS = new TypeReference<>() {
    };
    /** The keys of a check's summary, and how the page names them. */
    private static final List<Map.Entry<String, String>> CHECKED = List.of(
            Map.entry("email", "Email address"), Map.entry("phoneNumber", "Phone number"));

    private final ErasureRequestQueries queries;
    private final AuditTrail auditTrail;
    private final MaskedIdentifiers masked;
    private final JsonMapper json;
    private final Deadlines deadlines;
    private final ConsoleTimes times;
    private final TransactionTemplate snapshot;

    RequestRecords(ErasureRequestQueries queries, AuditTrail auditTrail, MaskedIdentifiers masked, JsonMapper json,
                   Deadlines deadlines, ConsoleTimes times, PlatformTransactionManager transactionManager) {
        this.queries = queries;
        this.auditTrail = auditTrail;
        this.masked = masked;
        this.json = json;
        this.deadlines = deadlines;
        this.times = times;
        this.snapshot = new TransactionTemplate(transactionManager);
        this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.snapshot.setReadOnly(true);
    }

    RequestRecord read(UUID id) {
        return snapshot.execute(status -> record(queries.get(id)));
    }

    private RequestRecord record(ErasureRequest request) {
        List<AuditEvent> events = auditTrail.eventsFor(request.getId());
        ChainVerification verification = auditTrail.verify(request.getId());
        String lastStatus = events.stream().map(AuditEvent::toStatus).filter(Objects::nonNull).reduce((a, b) -> b).orElse(null);
        boolean statusMatches = request.getStatus().name().equals(lastStatus);
        List<RequestRecord.Event> timeline = events.stream().map(this::event).toList();
        return new RequestRecord(
                request.getId(),
                request.getStatus().name(),
                ErasureStatus.UNANSWERED.contains(request.getStatus()),
                masked.email(request.getEmailMasked(), request.sealedEmail()),
                masked.phone(request.getPhoneMasked(), request.sealedPhone()),
                request.getRegulation().name(),
                request.getSource(),
                request.getExternalReference(),
                request.getReceivedAt(),
                request.getDueAt(),
                request.getOriginalDueAt(),
                request.getOriginalDueAt() == null ? deadlines.latestExtension(request.getRegulation(), request.getDueAt()) : null,
                new RequestRecord.Hold(request.getNotBefore(), request.isHoldUntilConfirmed()),
                request.getAttempts(),
                request.getNextAttemptAt(),
                request.getFirstDispatchedAt(),
                request.getSubmittedAt(),
                request.getGongEmailRequestId(),
                request.getGongPhoneRequestId(),
                new RequestRecord.Completion(request.getCheckDueAt(), request.getCompletedAt(), lastCheck(request.getLastCheck()),
                        request.getChecksWithData()),
                new RequestRecord.Chain(verification.intact() && statusMatches, verification.events(),
                        verification.firstBrokenSeq(), statusMatches),
                timeline,
                timeline.stream().filter(e -> AuditEventKind.GONG_CALL.name().equals(e.kind())).map(RequestRecords::gongCall).toList(),
                ConsoleAction.allOfferedFor(request, times.now()));
    }

    /** The check's summary as the dispatcher records it: counts per kind and Gong's request id, per identifier. */
    private RequestRecord.LastCheck lastCheck(String stored) {
        if (stored == null) {
            return null;
        }
        Map<String, Object> check = json.readValue(stored, DETAILS);
        List<RequestRecord.CheckResult> results = new ArrayList<>();
        for (Map.Entry<String, String> identifier : CHECKED) {
            if (check.get(identifier.getKey()) instanceof Map<?, ?> found) {
                results.add(new RequestRecord.CheckResult(identifier.getValue(), found.get("gongRequestId"), found.get("emails"),
                        found.get("calls"), found.get("meetings"), found.get("customerData")));
            }
        }
        Object checkedAt = check.get("checkedAt");
        return new RequestRecord.LastCheck(checkedAt == null ? null : Instant.parse(checkedAt.toString()), check.get("check"),
                Boolean.TRUE.equals(check.get("dataLeft")), results);
    }

    private RequestRecord.Event event(AuditEvent event) {
        Map<String, Object> details = new LinkedHashMap<>(json.readValue(event.detailsJson(), DETAILS));
        // Nothing to say is said as nothing: no nulls, no empty error lists.
        details.values().removeIf(value -> value == null || value instanceof Collection<?> list && list.isEmpty());
        return new RequestRecord.Event(event.seq(), event.occurredAt(), event.actor(), event.kind().name(),
                event.fromStatus(), event.toStatus(), event.reason(), details, event.hash());
    }

    private static RequestRecord.GongCall gongCall(RequestRecord.Event event) {
        Map<String, Object> details = event.details();
        return new RequestRecord.GongCall(event.seq(), event.occurredAt(), String.valueOf(details.get("endpoint")),
                details.get("httpStatus"), details.get("gongRequestId"), details.get("latencyMs"), details.get("attempt"),
                details.get("failure"), details.get("errors"));
    }
}
