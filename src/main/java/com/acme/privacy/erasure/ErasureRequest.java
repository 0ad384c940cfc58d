package com.acme.privacy.erasure;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

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

    @Column(nullable = false, updatable = false)
    private String source;
    @Column(name = "external_reference", updatable = false)
    private String externalReference;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private Regulation regulation;
    @Column(name = "received_at", nullable = false, updatable = false)
    private Instant receivedAt;
    @Column(name = "due_at", nullable = false, updatable = false)
    private Instant dueAt;

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
        this.status = ErasureStatus.PENDING;
        this.nextAttemptAt = now;
        this.idempotencyKey = submission.idempotencyKey();
        this.idempotencyFingerprint = fingerprint;
        this.correlationId = submission.correlationId();
        this.createdAt = now;
        this.updatedAt = now;
        this.version = 0L;
    }

    /** Moves to {@code next}; callers go through {@link StatusTransitions} so that the move is audited. */
    ErasureStatus moveTo(ErasureStatus next, Instant now) {
        if (!status.allowedNext().contains(next)) {
            throw new TransitionNotAllowed(id, status, next);
        }
        ErasureStatus previous = status;
        status = next;
        updatedAt = now;
        return previous;
    }

    /** An operator sends a failed request again, with a fresh allowance of attempts. */
    ErasureStatus retry(Instant now) {
        ErasureStatus previous = moveTo(ErasureStatus.PENDING, now);
        attempts = 0;
        nextAttemptAt = now;
        return previous;
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

    public UUID getId() {
        return id;
    }

    public Sealed sealedEmail() {
        return new Sealed(emailKeyId, emailCiphertext, sealedToRequest ? id : null);
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
