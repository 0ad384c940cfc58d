package com.acme.privacy.erasure;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import com.acme.privacy.pii.Sealed;
import com.acme.privacy.pii.SealedIdentifier;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * A data subject's request to be erased at Gong. Identifiers are held only sealed, to this request, and masked.
 * Intake writes new requests with SQL of its own; the entity reads them and carries the operators' status changes.
 */
@Entity
@Table(name = "erasure_request")
public class ErasureRequest {

    @Id
    private UUID id;

    @Column(name = "email_ciphertext", nullable = false, updatable = false)
    private byte[] emailCiphertext;
    @Column(name = "email_key_id", nullable = false, updatable = false)
    private String emailKeyId;
    @Column(name = "email_hash", nullable = false, updatable = false)
    private byte[] emailHash;
    @Column(name = "phone_ciphertext", updatable = false)
    private byte[] phoneCiphertext;
    @Column(name = "phone_key_id", updatable = false)
    private String phoneKeyId;
    @Column(name = "phone_hash", updatable = false)
    private byte[] phoneHash;
    @Column(name = "email_masked", updatable = false)
    private String emailMasked;
    @Column(name = "phone_masked", updatable = false)
    private String phoneMasked;
    @Column(name = "sealed_to_request", updatable = false)
    private boolean sealedToRequest;
    @Column(name = "hash_key_id", updatable = false)
    private String hashKeyId;
    @Column(name = "identifiers_purged_at", insertable = false, updatable = false)
    private Instant identifiersPurgedAt;

    @Column(nullable = false, updatable = false)
    private String source;
    @Column(name = "external_reference", updatable = false)
    private String externalReference;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private Regulation regulation;
    @Column(name = "received_at", nullable = false, updatable = false)
    private Instant receivedAt;
    @Column(name = "due_at", nullable = false)
    private Instant dueAt;
    @Column(name = "original_due_at")
    private Instant originalDueAt;
    @Column(name = "not_before", updatable = false)
    private Instant notBefore;
    @Column(name = "hold_until_confirmed", updatable = false)
    private boolean holdUntilConfirmed;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private ErasureStatus status;
    private int attempts;
    @Column(name = "next_attempt_at")
    private Instant nextAttemptAt;
    @Column(name = "lease_until")
    private Instant leaseUntil;
    @Column(name = "leased_by")
    private String leasedBy;
    @Column(name = "first_dispatched_at")
    private Instant firstDispatchedAt;
    @Column(name = "gong_email_request_id")
    private String gongEmailRequestId;
    @Column(name = "gong_phone_request_id")
    private String gongPhoneRequestId;
    @Column(name = "submitted_at")
    private Instant submittedAt;
    @Column(name = "check_due_at")
    private Instant checkDueAt;
    @Column(name = "checks_with_data")
    private int checksWithData;
    @Column(name = "check_failures")
    private int checkFailures;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "last_check", insertable = false, updatable = false)
    private String lastCheck;
    @Column(name = "completed_at")
    private Instant completedAt;

    @Column(name = "idempotency_key", updatable = false)
    private String idempotencyKey;
    @Column(name = "idempotency_fingerprint", updatable = false)
    private byte[] idempotencyFingerprint;

    @Column(name = "correlation_id", updatable = false)
    private String correlationId;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;
    @Version
    private Long version;

    protected ErasureRequest() {
    }

    /** A request as intake has just stored it; not managed by JPA. */
    ErasureRequest(UUID id, ErasureSubmission submission, SealedIdentifier email, SealedIdentifier phone, byte[] fingerprint,
                   Instant receivedAt, Instant dueAt, Instant now) {
        this.id = id;
        this.emailCiphertext = email.sealed().ciphertext();
        this.emailKeyId = email.sealed().keyId();
        this.emailHash = email.lookupHash();
        this.emailMasked = email.masked();
        if (phone != null) {
            this.phoneCiphertext = phone.sealed().ciphertext();
            this.phoneKeyId = phone.sealed().keyId();
            this.phoneHash = phone.lookupHash();
            this.phoneMasked = phone.masked();
        }
        this.sealedToRequest = true;
        this.hashKeyId = email.hashKeyId();
        this.source = submission.source();
        this.externalReference = submission.externalReference();
        this.regulation = submission.regulation();
        this.receivedAt = receivedAt;
        this.dueAt = dueAt;
        this.notBefore = submission.notBefore();
        this.holdUntilConfirmed = submission.holdUntilConfirmed();
        this.status = holdUntilConfirmed ? ErasureStatus.HELD : ErasureStatus.PENDING;
        this.nextAttemptAt = notBefore != null && notBefore.isAfter(now) ? notBefore : now;
        this.idempotencyKey = submission.idempotencyKey();
        this.idempotencyFingerprint = fingerprint;
        this.correlationId = submission.correlationId();
        this.createdAt = now;
        this.updatedAt = now;
        this.version = 0L;
    }

    /** Makes {@code move}; callers go through {@link StatusTransitions} so that the move is audited. */
    ErasureStatus moveTo(StatusMove move, Instant now) {
        if (!move.startsFrom(status)) {
            throw new TransitionNotAllowed(id, status, move.to());
        }
        ErasureStatus previous = status;
        status = move.to();
        updatedAt = now;
        return previous;
    }

    /** An operator sends a failed request again, with a fresh allowance of attempts and completion checks. */
    ErasureStatus retry(Instant now) {
        ErasureStatus previous = moveTo(StatusMove.RETRY, now);
        attempts = 0;
        nextAttemptAt = now;
        checkDueAt = null;
        checksWithData = 0;
        checkFailures = 0;
        if (previous == ErasureStatus.NEEDS_ATTENTION) {
            // Gong still held data: erase every identifier again, not only those never sent.
            gongEmailRequestId = null;
            gongPhoneRequestId = null;
        }
        return previous;
    }

    /** Someone confirmed that the erasure may go (e.g. the CRM erasure is done); its not-before time still applies. */
    ErasureStatus release(Instant now) {
        ErasureStatus previous = moveTo(StatusMove.RELEASE, now);
        nextAttemptAt = notBefore != null && notBefore.isAfter(now) ? notBefore : now;
        return previous;
    }

    /**
     * Moves the deadline once, to {@code newDueAt}; the original stays on record. The status does not change, so
     * neither does the retention clock, which counts from the last status change.
     */
    Instant extend(Instant newDueAt, Instant now) {
        Instant previous = dueAt;
        originalDueAt = dueAt;
        dueAt = newDueAt;
        updatedAt = now;
        return previous;
    }

    boolean isExtended() {
        return originalDueAt != null;
    }

    byte[] emailHash() {
        return emailHash;
    }

    byte[] phoneHash() {
        return phoneHash;
    }

    String hashKeyId() {
        return hashKeyId;
    }

    String idempotencyKey() {
        return idempotencyKey;
    }

    String correlationId() {
        return correlationId;
    }

    boolean sentToGong() {
        return firstDispatchedAt != null;
    }

    /** Whether retention destroyed the ciphertexts; only the masked forms and keyed hashes are left. */
    boolean identifiersPurged() {
        return identifiersPurgedAt != null;
    }

    public UUID getId() {
        return id;
    }

    /** {@code null} once retention destroyed the ciphertext. */
    public Sealed sealedEmail() {
        return emailCiphertext == null ? null : new Sealed(emailKeyId, emailCiphertext, sealedToRequest ? id : null);
    }

    public Sealed sealedPhone() {
        return phoneCiphertext == null ? null : new Sealed(phoneKeyId, phoneCiphertext, sealedToRequest ? id : null);
    }

    /** {@code null} until the identifier upgrade job has masked a request written before masked forms were kept. */
    public String getEmailMasked() {
        return emailMasked;
    }

    public String getPhoneMasked() {
        return phoneMasked;
    }

    /** Whether the request carries this phone number, given its hashes under every configured hash key. */
    boolean hasPhone(List<byte[]> hashes) {
        return phoneHash != null && hashes.stream().anyMatch(hash -> Arrays.equals(hash, phoneHash));
    }

    public String getSource() {
        return source;
    }

    public String getExternalReference() {
        return externalReference;
    }

    public Regulation getRegulation() {
        return regulation;
    }

    public Instant getReceivedAt() {
        return receivedAt;
    }

    public Instant getDueAt() {
        return dueAt;
    }

    public ErasureStatus getStatus() {
        return status;
    }

    public int getAttempts() {
        return attempts;
    }

    public Instant getNextAttemptAt() {
        return nextAttemptAt;
    }

    public Instant getFirstDispatchedAt() {
        return firstDispatchedAt;
    }

    public String getGongEmailRequestId() {
        return gongEmailRequestId;
    }

    public String getGongPhoneRequestId() {
        return gongPhoneRequestId;
    }

    public Instant getSubmittedAt() {
        return submittedAt;
    }

    /** The deadline before its extension, or {@code null} when it was not extended. */
    public Instant getOriginalDueAt() {
        return originalDueAt;
    }

    public Instant getNotBefore() {
        return notBefore;
    }

    public boolean isHoldUntilConfirmed() {
        return holdUntilConfirmed;
    }

    /** When the next completion check is due, or {@code null}. */
    public Instant getCheckDueAt() {
        return checkDueAt;
    }

    /** Completion checks since the last retry that found data at Gong after the erasure: its data came back. */
    public int getChecksWithData() {
        return checksWithData;
    }

    /** The last completion check as recorded (JSON), or {@code null}. */
    public String getLastCheck() {
        return lastCheck;
    }

    public Instant getCompletedAt() {
        return completedAt;
    }

    byte[] getIdempotencyFingerprint() {
        return idempotencyFingerprint;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }
}
