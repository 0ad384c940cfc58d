package com.acme.privacy.pii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ProtectedIdentifiersTest {

    private static String key(int bytes) {
        byte[] key = new byte[bytes];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private static final String OLD_KEY = key(32);
    private static final String NEW_KEY = key(32);
    private static final String HASH_KEY = key(32);

    private final ProtectedIdentifiers identifiers = new ProtectedIdentifiers(
            new PiiProperties(Map.of("2025", OLD_KEY, "2026", NEW_KEY), "2026", HASH_KEY, false));

    @Test
    void encryptsWithTheActiveKeyAndDecrypts() {
        EmailAddress email = new EmailAddress("jane.doe@example.com");
        SealedIdentifier sealed = identifiers.protect(email);

        assertThat(sealed.sealed().keyId()).isEqualTo("2026");
        assertThat(new String(sealed.sealed().ciphertext(), StandardCharsets.ISO_8859_1)).doesNotContain("jane");
        assertThat(identifiers.revealEmail(sealed.sealed())).isEqualTo(email);
    }

    @Test
    void encryptsTheSameAddressDifferentlyEachTime() {
        EmailAddress email = new EmailAddress("jane.doe@example.com");
        assertThat(identifiers.protect(email).sealed().ciphertext()).isNotEqualTo(identifiers.protect(email).sealed().ciphertext());
    }

    @Test
    void stillDecryptsWhatAnOlderKeySealed() {
        ProtectedIdentifiers before = new ProtectedIdentifiers(new PiiProperties(Map.of("2025", OLD_KEY), "2025", HASH_KEY, false));
        Sealed old = before.protect(new PhoneNumber("+4915112345678")).sealed();
        assertThat(identifiers.revealPhone(old).value()).isEqualTo("+4915112345678");
    }

    @Test
    void refusesATamperedCiphertextOrOneMovedToAnotherColumn() {
        Sealed sealed = identifiers.protect(new EmailAddress("jane@example.com")).sealed();
        byte[] tampered = sealed.ciphertext().clone();
        tampered[tampered.length - 1] ^= 1;
        assertThatThrownBy(() -> identifiers.revealEmail(new Sealed("2026", tampered)))
                .isInstanceOf(CiphertextRejected.class).hasMessageNotContaining("jane");
        assertThatThrownBy(() -> identifiers.revealPhone(sealed)).isInstanceOf(CiphertextRejected.class);
    }

    @Test
    void aStoredValueThatNoLongerValidatesIsUnreadableWithoutQuotingIt() {
        Sealed sealed = new IdentifierCipher(PiiKeys.from(new PiiProperties(Map.of("2026", NEW_KEY), "2026", HASH_KEY, false)))
                .seal(IdentifierKind.EMAIL, "jane.doe-without-a-domain");
        assertThatThrownBy(() -> identifiers.revealEmail(sealed))
                .isInstanceOf(StoredIdentifierInvalid.class).hasMessageNotContaining("jane");
    }

    @Test
    void refusesATruncatedCiphertextAndNamesAMissingKey() {
        assertThatThrownBy(() -> identifiers.revealEmail(new Sealed("2026", new byte[] {1, 2, 3})))
                .isInstanceOf(CiphertextRejected.class);
        Sealed sealed = identifiers.protect(new EmailAddress("jane@example.com")).sealed();
        assertThatThrownBy(() -> identifiers.revealEmail(new Sealed("retired", sealed.ciphertext())))
                .isInstanceOf(DecryptionKeyMissing.class).hasMessage("No decryption key configured for key id retired");
    }

    @Test
    void hashesIgnoreCaseAndSeparateEmailsFromPhones() {
        assertThat(identifiers.lookupHash(new EmailAddress("Jane@Example.com")))
                .isEqualTo(identifiers.lookupHash(new EmailAddress("jane@example.com")))
                .isNotEqualTo(identifiers.lookupHash(new EmailAddress("john@example.com")))
                .hasSize(32);
        ProtectedIdentifiers otherKey = new ProtectedIdentifiers(new PiiProperties(Map.of("k", NEW_KEY), "k", key(32), false));
        assertThat(otherKey.lookupHash(new EmailAddress("jane@example.com")))
                .isNotEqualTo(identifiers.lookupHash(new EmailAddress("jane@example.com")));
    }

    @Test
    void refusesToStartWithoutKeysUnlessThrowawayKeysAreAllowed() {
        assertThatThrownBy(() -> new ProtectedIdentifiers(new PiiProperties(null, null, null, false)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Identifier protection keys are missing")
                .hasMessageContaining("privacy.pii.hash-key");
        ProtectedIdentifiers throwaway = new ProtectedIdentifiers(new PiiProperties(null, null, null, true));
        assertThat(throwaway.revealEmail(throwaway.protect(new EmailAddress("a@b.example")).sealed()).value()).isEqualTo("a@b.example");
    }

    @Test
    void throwawayKeysOfTwoReplicasHaveKeyIdsOfTheirOwn() {
        ProtectedIdentifiers one = new ProtectedIdentifiers(new PiiProperties(null, null, null, true));
        ProtectedIdentifiers other = new ProtectedIdentifiers(new PiiProperties(null, null, null, true));
        Sealed sealed = one.protect(new EmailAddress("a@b.example")).sealed();
        assertThat(sealed.keyId()).matches("ephemeral[0-9a-f]{8}");
        assertThatThrownBy(() -> other.revealEmail(sealed)).isInstanceOf(DecryptionKeyMissing.class);
    }

    @Test
    void refusesWeakOrInconsistentKeysWithoutPrintingThem() {
        String shortKey = key(16);
        assertThatThrownBy(() -> new ProtectedIdentifiers(new PiiProperties(Map.of("k", shortKey), "k", HASH_KEY, false)))
                .hasMessageContaining("must be 32 bytes").hasMessageNotContaining(shortKey);
        assertThatThrownBy(() -> new ProtectedIdentifiers(new PiiProperties(Map.of("k", NEW_KEY), "other", HASH_KEY, false)))
                .hasMessageContaining("active-key-id");
        assertThatThrownBy(() -> new ProtectedIdentifiers(new PiiProperties(Map.of("k", NEW_KEY), "k", key(8), false)))
                .hasMessageContaining("hash-key must be at least 32 bytes");
        assertThatThrownBy(() -> new ProtectedIdentifiers(new PiiProperties(Map.of("k", "not base64!"), "k", HASH_KEY, false)))
                .hasMessageContaining("not valid base64");
    }

    @Test
    void masksIdentifiersEvenWhenPrinted() {
        EmailAddress email = new EmailAddress("  jane.doe@EXAMPLE.com ");
        assertThat(email.value()).isEqualTo("jane.doe@example.com");
        assertThat(email.masked()).isEqualTo("j***@example.com");
        assertThat(email).hasToString("j***@example.com");
        assertThat(new PhoneNumber("+491511234589").masked()).isEqualTo("+4915******89");
        assertThat(new PhoneNumber("+1234567").masked()).isEqualTo("+1******");
        assertThat(new PhoneNumber("+491511234589")).hasToString("+4915******89");
    }

    @Test
    void redactsIdentifiersFromTextPlainOrUrlEncoded() {
        EmailAddress email = new EmailAddress("jane.doe+x@example.com");
        assertThat(email.redactFrom("No data for JANE.DOE+X@example.com or jane.doe%2Bx%40example.com"))
                .isEqualTo("No data for j***@example.com or j***@example.com");
        PhoneNumber phone = new PhoneNumber("+4915112345678");
        assertThat(phone.redactFrom("Bad number %2B4915112345678, +4915112345678, 4915112345678"))
                .doesNotContain("4915112345678");
    }

    @Test
    void printsKeyIdsButNeverKeys() {
        PiiProperties properties = new PiiProperties(Map.of("2026", NEW_KEY), "2026", HASH_KEY, false);
        assertThat(properties.toString()).contains("2026").doesNotContain(NEW_KEY, HASH_KEY);
    }

    @Test
    void refusesValuesThatAreNotIdentifiers() {
        assertThatThrownBy(() -> new EmailAddress("no-at-sign")).hasMessageNotContaining("no-at-sign");
        assertThatThrownBy(() -> new PhoneNumber("0151 123")).hasMessageNotContaining("0151");
    }
}
