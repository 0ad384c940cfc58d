package com.acme.privacy.pii;

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

    public SealedIdentifier protect(EmailAddress email) {
        return new SealedIdentifier(cipher.seal(IdentifierKind.EMAIL, email.value()), lookupHash(email));
    }

    public SealedIdentifier protect(PhoneNumber phone) {
        return new SealedIdentifier(cipher.seal(IdentifierKind.PHONE, phone.value()), lookupHash(phone));
    }

    public byte[] lookupHash(EmailAddress email) {
        return hasher.hash("email", email.lookupForm());
    }

    public byte[] lookupHash(PhoneNumber phone) {
        return hasher.hash("phone", phone.value());
    }

    /** A keyed digest of arbitrary text that may contain identifiers, e.g. a request body for idempotency checks. */
    public byte[] fingerprint(String text) {
        return hasher.hash("fingerprint", text);
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
