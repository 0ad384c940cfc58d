package com.acme.privacy.pii;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

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

    /** Whether the value was sealed before values were bound to their request: it is to be sealed again. */
    public boolean isLegacy(Sealed sealed) {
        return IdentifierCipher.version(sealed) == IdentifierCipher.LEGACY;
    }

    /**
     * Seals a legacy value again, to {@code requestId}, when it belongs there: its keyed hash under some configured hash
     * key must be {@code storedHash}, the one its row is looked up by. Legacy values open anywhere, so this is the only
     * way one is ever opened.
     *
     * @throws IdentifierUnreadable when the key is missing, the value is damaged or not legacy, or belongs to another
     *                              row ({@link LegacyValueMisplaced})
     */
    public SealedIdentifier resealEmail(Sealed legacy, UUID requestId, byte[] storedHash) {
        EmailAddress email = valid(cipher.openLegacy(IdentifierKind.EMAIL, legacy), legacy, EmailAddress::new);
        requireOneOf(lookupHashes(email), storedHash, legacy);
        return protect(email, requestId);
    }

    /** As {@link #resealEmail}, for a phone number. */
    public SealedIdentifier resealPhone(Sealed legacy, UUID requestId, byte[] storedHash) {
        PhoneNumber phone = valid(cipher.openLegacy(IdentifierKind.PHONE, legacy), legacy, PhoneNumber::new);
        requireOneOf(lookupHashes(phone), storedHash, legacy);
        return protect(phone, requestId);
    }

    private static void requireOneOf(List<byte[]> hashes, byte[] storedHash, Sealed legacy) {
        if (storedHash == null || hashes.stream().noneMatch(hash -> MessageDigest.isEqual(hash, storedHash))) {
            throw new LegacyValueMisplaced(legacy.keyId());
        }
    }

    private static <T> T valid(String value, Sealed sealed, Function<String, T> parse) {
        try {
            return parse.apply(value);
        } catch (IllegalArgumentException invalid) {
            throw new StoredIdentifierInvalid(sealed.keyId());
        }
    }

    /** @throws IdentifierUnreadable when the key is missing, the ciphertext is damaged or the value no longer validates */
    public EmailAddress revealEmail(Sealed sealed) {
        return valid(cipher.open(IdentifierKind.EMAIL, sealed), sealed, EmailAddress::new);
    }

    /** @throws IdentifierUnreadable when the key is missing, the ciphertext is damaged or the value no longer validates */
    public PhoneNumber revealPhone(Sealed sealed) {
        return valid(cipher.open(IdentifierKind.PHONE, sealed), sealed, PhoneNumber::new);
    }
}
