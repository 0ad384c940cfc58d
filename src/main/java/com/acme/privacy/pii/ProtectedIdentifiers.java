package com.acme.privacy.pii;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Component;

/** The only way identifiers are encrypted, decrypted and hashed. */
@Component
public class ProtectedIdentifiers {

    private final IdentifierCipher cipher;
    private final IdentifierHasher hasher;

    public ProtectedIdentifiers(PiiProperties properties) {
        PiiKeys keys = PiiKeys.from(properties);
        this.cipher = new IdentifierCipher(keys);
        this.hasher = new IdentifierHasher(keys);
    }

    /** Sealed to the request it belongs to, and hashed under the active hash key. */
    public SealedIdentifier protect(EmailAddress email, UUID requestId) {
        return new SealedIdentifier(cipher.seal(IdentifierKind.EMAIL, email.value(), requestId), lookupHash(email),
                hasher.activeKeyId(), email.masked());
    }

    public SealedIdentifier protect(PhoneNumber phone, UUID requestId) {
        return new SealedIdentifier(cipher.seal(IdentifierKind.PHONE, phone.value(), requestId), lookupHash(phone),
                hasher.activeKeyId(), phone.masked());
    }

    /** Under the active hash key. */
    public byte[] lookupHash(EmailAddress email) {
        return hasher.hash("email", email.lookupForm());
    }

    public byte[] lookupHash(PhoneNumber phone) {
        return hasher.hash("phone", phone.value());
    }

    public String activeHashKeyId() {
        return hasher.activeKeyId();
    }

    /** Whether hash keys are rotating: rows may still carry hashes under a previous key. */
    public boolean hasPreviousHashKeys() {
        return hasher.keyCount() > 1;
    }

    /** Under every configured hash key, the active one first: what the subject's rows may carry while keys rotate. */
    public List<byte[]> lookupHashes(EmailAddress email) {
        return hasher.hashes("email", email.lookupForm());
    }

    public List<byte[]> lookupHashes(PhoneNumber phone) {
        return hasher.hashes("phone", phone.value());
    }

    /** A keyed digest of arbitrary text that may contain identifiers, e.g. a request body for idempotency checks. */
    public byte[] fingerprint(String text) {
        return hasher.hash("fingerprint", text);
    }

    /**
     * A keyed digest (hex HMAC-SHA256 under the active hash key) of a value that may lead to the subject, such as a
     * portal's ticket id, for a record that must outlive the value: whoever holds the key and the value can match it,
     * nobody else can read it. {@code purpose} keeps digests of different kinds of value apart.
     */
    public String keyedDigest(String purpose, String value) {
        return HexFormat.of().formatHex(hasher.hash("digest:" + purpose, value));
    }

    /** Whether {@code fingerprint} is this text's under any configured hash key, so that rotating keys keeps replays working. */
    public boolean isFingerprintOf(byte[] fingerprint, String text) {
        return hasher.hashes("fingerprint", text).stream().anyMatch(candidate -> MessageDigest.isEqual(candidate, fingerprint));
    }

    /** @throws IdentifierUnreadable when the key is missing, the ciphertext is damaged or the value no longer validates */
    public EmailAddress revealEmail(Sealed sealed) {
        String value = cipher.open(IdentifierKind.EMAIL, sealed);
        try {
            return new EmailAddress(value);
        } catch (IllegalArgumentException invalid) {
            throw new StoredIdentifierInvalid(sealed.keyId());
        }
    }

    /** @throws IdentifierUnreadable when the key is missing, the ciphertext is damaged or the value no longer validates */
    public PhoneNumber revealPhone(Sealed sealed) {
        String value = cipher.open(IdentifierKind.PHONE, sealed);
        try {
            return new PhoneNumber(value);
        } catch (IllegalArgumentException invalid) {
            throw new StoredIdentifierInvalid(sealed.keyId());
        }
    }
}
