package com.acme.privacy.erasure;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.hibernate.id.uuid.UuidVersion7Strategy;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import com.acme.privacy.erasure.StoredRequests.NewRequest;
import com.acme.privacy.pii.ProtectedIdentifiers;
import com.acme.privacy.pii.SealedIdentifier;

/**
 * Accepts submissions. A new request and its RECEIVED event are one statement, committed together with those of
 * concurrent submissions ({@link GroupCommit}), and its answer is built from what was stored, without decrypting
 * anything. Duplicates are settled by unique indexes, not by a read-then-write race: one open request per subject and
 * portal, one request per portal and Idempotency-Key. When the insert meets either, the slow path finds what it met.
 */
@Service
public class ErasureRequestIntake {

    private static final int ROUNDS = 3;

    private final GroupCommit groupCommit;
    private final StoredRequests stored;
    private final ErasureRequests requests;
    private final RepeatSubmissions repeats;
    private final ProtectedIdentifiers identifiers;
    private final Deadlines deadlines;
    private final ErasureProperties properties;
    private final TransactionTemplate transactions;
    private final ErasureRequestMetrics metrics;
    private final Clock clock;

    ErasureRequestIntake(GroupCommit groupCommit, StoredRequests stored, ErasureRequests requests, RepeatSubmissions repeats,
                         ProtectedIdentifiers identifiers, Deadlines deadlines, ErasureProperties properties,
                         TransactionTemplate transactions, ErasureRequestMetrics metrics, Clock clock) {
        this.groupCommit = groupCommit;
        this.stored = stored;
        this.requests = requests;
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
        Instant receivedAt = submission.receivedAt() == null ? now : submission.receivedAt();
        Instant dueAt = deadlines.dueAt(submission.regulation(), receivedAt);
        rejectOrderingGuardThatMissesTheDeadline(submission, dueAt);
        Map<String, Object> facts = describe(submission, receivedAt, dueAt);
        // Time-ordered ids keep the primary-key index append-mostly at millions of rows.
        UUID id = UuidVersion7Strategy.INSTANCE.generateUuid(null);
        SealedIdentifier email = identifiers.protect(submission.email(), id);
        SealedIdentifier phone = submission.phone() == null ? null : identifiers.protect(submission.phone(), id);
        byte[] fingerprint = submission.idempotencyKey() == null ? null : identifiers.fingerprint(submission.canonicalForm());
        ErasureRequest request = new ErasureRequest(id, submission, email, phone, fingerprint, receivedAt, dueAt, now);
        // While hash keys rotate, an open request hashed under an old key escapes the unique index: look first.
        if (!identifiers.hasPreviousHashKeys() && groupCommit.store(new NewRequest(request, actor, facts))) {
            return created(request);
        }
        for (int round = 1; ; round++) {
            try {
                Submitted submitted = transactions.execute(status -> settleCollision(submission, request, actor, facts));
                if (submitted.outcome() == Submitted.Outcome.CREATED) {
                    return created(request);
                }
                if (submitted.outcome() == Submitted.Outcome.ALREADY_OPEN) {
                    metrics.repeated(submission.source());
                }
                return submitted;
            } catch (DataIntegrityViolationException | ConcurrentlyChanged collision) {
                if (round == ROUNDS) {
                    throw new SubmissionCollided();
                }
            }
        }
    }

    private Submitted created(ErasureRequest request) {
        metrics.received(request);
        return new Submitted(request, Submitted.Outcome.CREATED);
    }

    /** A retry under the same Idempotency-Key, the portal's own open request for the subject, or a race lost. */
    private Submitted settleCollision(ErasureSubmission submission, ErasureRequest request, String actor, Map<String, Object> facts) {
        Optional<Submitted> replay = replay(submission);
        if (replay.isPresent()) {
            return replay.get();
        }
        Optional<ErasureRequest> open = requests.findOpen(identifiers.lookupHashes(submission.email()), submission.source());
        if (open.isPresent()) {
            if (submission.phone() != null && !open.get().hasPhone(identifiers.lookupHashes(submission.phone()))) {
                throw new SubjectHasOpenRequest();
            }
            repeats.record(open.get().getId(), actor, facts);
            return new Submitted(open.get(), Submitted.Outcome.ALREADY_OPEN);
        }
        if (!stored.insert(new NewRequest(request, actor, facts))) {
            // What it met is gone again (sent, cancelled): another round.
            throw new ConcurrentlyChanged();
        }
        return new Submitted(request, Submitted.Outcome.CREATED);
    }

    private Optional<Submitted> replay(ErasureSubmission submission) {
        if (submission.idempotencyKey() == null) {
            return Optional.empty();
        }
        return requests.findBySourceAndIdempotencyKey(submission.source(), submission.idempotencyKey())
                .map(original -> {
                    if (!identifiers.isFingerprintOf(original.getIdempotencyFingerprint(), submission.canonicalForm())) {
                        throw new IdempotencyKeyReused();
                    }
                    return new Submitted(original, Submitted.Outcome.REPLAYED);
                });
    }

    /**
     * What was submitted, sealed into the audit trail: for a new request its immutable facts, so that later edits to
     * the row show; for a repeat what the repeat asked for, including its own deadline. The trail is never changed,
     * so the portal's reference and Idempotency-Key, which may lead to the subject, go in only as keyed digests:
     * anonymisation removes them from the request, and nothing readable of them stays behind.
     */
    private Map<String, Object> describe(ErasureSubmission submission, Instant receivedAt, Instant dueAt) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("source", submission.source());
        details.put("externalReferenceDigest", digest("externalReference", submission.externalReference()));
        details.put("regulation", submission.regulation().name());
        details.put("phoneNumberGiven", submission.phone() != null);
        details.put("idempotencyKeyDigest", digest("idempotencyKey", submission.idempotencyKey()));
        details.put("digestKeyId", identifiers.activeHashKeyId());
        details.put("receivedAt", receivedAt.toString());
        details.put("dueAt", dueAt.toString());
        if (submission.notBefore() != null) {
            details.put("notBefore", submission.notBefore().toString());
        }
        if (submission.holdUntilConfirmed()) {
            details.put("holdUntilConfirmed", true);
        }
        return details;
    }

    private String digest(String purpose, String value) {
        return value == null ? null : identifiers.keyedDigest(purpose, value);
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

    /** One guard at a time, and one that lets the request still meet its deadline. */
    private static void rejectOrderingGuardThatMissesTheDeadline(ErasureSubmission submission, Instant dueAt) {
        if (submission.notBefore() != null && submission.holdUntilConfirmed()) {
            throw new FieldRejected("holdUntilConfirmed", "cannot be combined with notBefore; use one ordering guard");
        }
        if (submission.notBefore() != null && !submission.notBefore().isBefore(dueAt)) {
            throw new FieldRejected("notBefore", "must be before the request's deadline (" + dueAt + ")");
        }
    }

    private static String readable(Duration duration) {
        if (duration.toSeconds() % Duration.ofDays(1).toSeconds() != 0) {
            return duration.toString();
        }
        return duration.toDays() == 1 ? "1 day" : duration.toDays() + " days";
    }

    /** The row the insert met changed before the slow path could read it. */
    private static final class ConcurrentlyChanged extends RuntimeException {

        ConcurrentlyChanged() {
            super(null, null, false, false);
        }
    }
}
