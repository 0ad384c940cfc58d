package com.acme.privacy.erasure;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import com.acme.privacy.audit.AuditEntry;
import com.acme.privacy.audit.AuditEventKind;
import com.acme.privacy.audit.AuditTrail;
import com.acme.privacy.pii.ProtectedIdentifiers;
import com.acme.privacy.pii.SealedIdentifier;

/**
 * Accepts submissions. Duplicates are settled by unique indexes, not by a read-then-write race: when a
 * concurrent submission wins, the insert fails and the next round finds the winner.
 */
@Service
public class ErasureRequestIntake {

    private static final int ROUNDS = 3;

    private final ErasureRequests requests;
    private final AuditTrail auditTrail;
    private final RepeatSubmissions repeats;
    private final ProtectedIdentifiers identifiers;
    private final Deadlines deadlines;
    private final ErasureProperties properties;
    private final TransactionTemplate transactions;
    private final ErasureRequestMetrics metrics;
    private final Clock clock;

    ErasureRequestIntake(ErasureRequests requests, AuditTrail auditTrail, RepeatSubmissions repeats,
                         ProtectedIdentifiers identifiers, Deadlines deadlines, ErasureProperties properties,
                         TransactionTemplate transactions, ErasureRequestMetrics metrics, Clock clock) {
        this.requests = requests;
        this.auditTrail = auditTrail;
        this.repeats = repeats;
        this.identifiers = identifiers;
        this.deadlines = deadlines;
        this.properties = properties;
        this.transactions = transactions;
        this.metrics = metrics;
        this.clock = clock;
    }

    public Submitted submit(ErasureSubmission submission, String actor) {
        Instant now = clock.instant();
        rejectReceiptOutsideWindow(submission, now);
        byte[] fingerprint = submission.idempotencyKey() == null ? null : identifiers.fingerprint(submission.canonicalForm());
        for (int round = 1; ; round++) {
            try {
                Submitted submitted = transactions.execute(status -> submitOnce(submission, fingerprint, actor, now));
                switch (submitted.outcome()) {
                    case CREATED -> metrics.received(submitted.request());
                    case ALREADY_OPEN -> metrics.repeated(submission.source());
                    // A retry of a creation, already counted when created.
                    case REPLAYED -> { }
                }
                return submitted;
            } catch (DataIntegrityViolationException collision) {
                if (round == ROUNDS) {
                    throw collision;
                }
            }
        }
    }

    private Submitted submitOnce(ErasureSubmission submission, byte[] fingerprint, String actor, Instant now) {
        Optional<Submitted> replay = replay(submission, fingerprint);
        if (replay.isPresent()) {
            return replay.get();
        }
        Instant receivedAt = submission.receivedAt() == null ? now : submission.receivedAt();
        Instant dueAt = deadlines.dueAt(submission.regulation(), receivedAt);
        byte[] emailHash = identifiers.lookupHash(submission.email());
        Optional<ErasureRequest> open = requests.findBySubjectAndStatusIn(emailHash, ErasureStatus.OPEN);
        if (open.isPresent()) {
            if (submission.phone() != null && !Arrays.equals(open.get().phoneHash(), identifiers.lookupHash(submission.phone()))) {
                throw new SubjectHasOpenRequest();
            }
            repeats.record(open.get().getId(), actor, describe(submission, receivedAt, dueAt));
            return new Submitted(open.get(), Submitted.Outcome.ALREADY_OPEN);
        }
        SealedIdentifier email = identifiers.protect(submission.email());
        SealedIdentifier phone = submission.phone() == null ? null : identifiers.protect(submission.phone());
        ErasureRequest request = requests.saveAndFlush(new ErasureRequest(submission, email, phone, fingerprint, receivedAt, dueAt, now));
        auditTrail.record(new AuditEntry(request.getId(), actor, AuditEventKind.RECEIVED, null,
                ErasureStatus.PENDING.name(), "Submitted by " + submission.source(), describe(submission, receivedAt, dueAt)));
        return new Submitted(request, Submitted.Outcome.CREATED);
    }

    private Optional<Submitted> replay(ErasureSubmission submission, byte[] fingerprint) {
        if (submission.idempotencyKey() == null) {
            return Optional.empty();
        }
        return requests.findBySourceAndIdempotencyKey(submission.source(), submission.idempotencyKey())
                .map(original -> {
                    if (!Arrays.equals(original.getIdempotencyFingerprint(), fingerprint)) {
                        throw new IdempotencyKeyReused();
                    }
                    return new Submitted(original, Submitted.Outcome.REPLAYED);
                });
    }

    /**
     * What was submitted, sealed into the audit trail: for a new request its immutable facts, so that later edits to
     * the row show; for a repeat what the repeat asked for, including its own deadline.
     */
    private static Map<String, Object> describe(ErasureSubmission submission, Instant receivedAt, Instant dueAt) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("source", submission.source());
        details.put("externalReference", submission.externalReference());
        details.put("regulation", submission.regulation().name());
        details.put("phoneNumberGiven", submission.phone() != null);
        details.put("idempotencyKey", submission.idempotencyKey());
        details.put("receivedAt", receivedAt.toString());
        details.put("dueAt", dueAt.toString());
        return details;
    }

    /** Deadlines count from receipt and the queue is ordered by deadline: a backdated request would jump it. */
    private void rejectReceiptOutsideWindow(ErasureSubmission submission, Instant now) {
        Instant receivedAt = submission.receivedAt();
        if (receivedAt == null) {
            return;
        }
        if (receivedAt.isAfter(now.plus(properties.maxClockSkew()))) {
            throw new FieldRejected("receivedAt", "must not be in the future");
        }
        if (receivedAt.isBefore(now.minus(properties.maxReceiptAge()))) {
            throw new FieldRejected("receivedAt", "must not lie more than " + readable(properties.maxReceiptAge())
                    + " in the past (privacy.erasure.max-receipt-age)");
        }
    }

    private static String readable(Duration duration) {
        if (duration.toSeconds() % Duration.ofDays(1).toSeconds() != 0) {
            return duration.toString();
        }
        return duration.toDays() == 1 ? "1 day" : duration.toDays() + " days";
    }
}
