package com.acme.privacy.pii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

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
    private static final UUID REQUEST = UUID.randomUUID();

    private final ProtectedIdentifiers identifiers = new ProtectedIdentifiers(
            new PiiProperties(Map.of("2025", OLD_KEY, "2026", NEW_KEY), "2026", HASH_KEY, "h1", null, false));

    @Test
    void encryptsWithTheActiveKeyAndDecrypts() {
        EmailAddress email = new EmailAddress("jane.doe@example.com");
        SealedIdentifier sealed = identifiers.protect(email, REQUEST);

        assertThat(sealed.sealed().keyId()).isEqualTo("2026");
        assertThat(new String(sealed.sealed().ciphertext(), StandardCharsets.ISO_8859_1)).doesNotContain("jane");
        assertThat(identifiers.revealEmail(sealed.sealed())).isEqualTo(email);
    }

    @Test
    void encryptsTheSameAddressDifferentlyEachTime() {
        EmailAddress email = new EmailAddress("jane.doe@example.com");
        assertThat(identifiers.protect(email, REQUEST).sealed().ciphertext()).isNotEqualTo(identifiers.protect(email, REQUEST).sealed().ciphertext());
    }

    @Test
    void stillDecryptsWhatAnOlderKeySealed() {
        ProtectedIdentifiers before = new ProtectedIdentifiers(new PiiProperties(Map.of("2025", OLD_KEY), "2025", HASH_KEY, "h1", null, false));
        Sealed old = before.protect(new PhoneNumber("+4915112345678"), REQUEST).sealed();
        assertThat(identifiers.revealPhone(old).value()).isEqualTo("+4915112345678");
    }

    @Test
    void refusesATamperedCiphertextOrOneMovedToAnotherColumn() {
        Sealed sealed = identifiers.protect(new EmailAddress("jane@example.com"), REQUEST).sealed();
        byte[] tampered = sealed.ciphertext().clone();
        tampered[tampered.length - 1] ^= 1;
        assertThatThrownBy(() -> identifiers.revealEmail(new Sealed("2026", tampered, REQUEST)))
                .isInstanceOf(CiphertextRejected.class).hasMessageNotContaining("jane");
        assertThatThrownBy(() -> identifiers.revealPhone(sealed)).isInstanceOf(CiphertextRejected.class);
    }

    /** Whoever can write the table cannot redirect an erasure by swapping two rows' ciphertexts. */
    @Test
    void aCiphertextOpensOnlyAsTheRequestItWasSealedTo() {
        Sealed jane = identifiers.protect(new EmailAddress("jane@example.com"), REQUEST).sealed();
        UUID other = UUID.randomUUID();
        assertThatThrownBy(() -> identifiers.revealEmail(new Sealed(jane.keyId(), jane.ciphertext(), other)))
                .isInstanceOf(CiphertextRejected.class);
        assertThatThrownBy(() -> identifiers.revealEmail(new Sealed(jane.keyId(), jane.ciphertext(), null)))
                .as("nor as a value sealed before requests were bound").isInstanceOf(CiphertextRejected.class);
        assertThat(identifiers.revealEmail(jane).value()).isEqualTo("jane@example.com");
    }

    @Test
    void valuesSealedBeforeRequestsWereBoundOpenOnlyToBeSealedAgainWhereTheyBelong() throws Exception {
        Sealed legacy = new Sealed("2026", legacySeal("jane@example.com", NEW_KEY), REQUEST);
        assertThat(identifiers.isLegacy(legacy)).isTrue();
        assertThatThrownBy(() -> identifiers.revealEmail(legacy)).isInstanceOf(CiphertextRejected.class);

        SealedIdentifier resealed = identifiers.resealEmail(legacy, REQUEST, identifiers.lookupHash(new EmailAddress("jane@example.com")));
        assertThat(identifiers.isLegacy(resealed.sealed())).isFalse();
        assertThat(identifiers.revealEmail(resealed.sealed()).value()).isEqualTo("jane@example.com");
        assertThatThrownBy(() -> identifiers.resealEmail(legacy, REQUEST, identifiers.lookupHash(new EmailAddress("joe@example.com"))))
                .as("copied from another row").isInstanceOf(LegacyValueMisplaced.class);
        assertThatThrownBy(() -> identifiers.resealEmail(resealed.sealed(), REQUEST, resealed.lookupHash()))
                .as("only legacy values are sealed again").isInstanceOf(CiphertextRejected.class);
    }

    /** Version byte 1, then AES-256-GCM with the kind alone as associated data, as values were sealed before V5. */
    private static byte[] legacySeal(String email, String key) throws GeneralSecurityException {
        byte[] nonce = new byte[12];
        new SecureRandom().nextBytes(nonce);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(Base64.getDecoder().decode(key), "AES"), new GCMParameterSpec(128, nonce));
        cipher.updateAAD("EMAIL".getBytes(StandardCharsets.US_ASCII));
        byte[] sealed = cipher.doFinal(email.getBytes(StandardCharsets.UTF_8));
        return ByteBuffer.allocate(1 + nonce.length + sealed.length).put((byte) 1).put(nonce).put(sealed).array();
    }

    @Test
    void aRotatedHashKeyStillFindsWhatItHashedAndNewRowsUseTheNewOne() {
        EmailAddress jane = new EmailAddress("jane@example.com");
        String newHashKey = key(32);
        ProtectedIdentifiers rotated = new ProtectedIdentifiers(new PiiProperties(Map.of("2026", NEW_KEY), "2026", newHashKey, "h2",
                Map.of("h1", HASH_KEY), false));

        assertThat(rotated.protect(jane, REQUEST).hashKeyId()).isEqualTo("h2");
        assertThat(rotated.lookupHashes(jane)).hasSize(2)
                .anySatisfy(hash -> assertThat(hash).isEqualTo(identifiers.lookupHash(jane)))
                .first().isEqualTo(rotated.lookupHash(jane));
        assertThat(rotated.hasPreviousHashKeys()).isTrue();
        assertThat(identifiers.hasPreviousHashKeys()).isFalse();
        byte[] fingerprint = identifiers.fingerprint("the body");
        assertThat(rotated.isFingerprintOf(fingerprint, "the body")).isTrue();
        assertThat(rotated.isFingerprintOf(fingerprint, "another body")).isFalse();
    }

    @Test
    void aStoredValueThatNoLongerValidatesIsUnreadableWithoutQuotingIt() {
        Sealed sealed = new IdentifierCipher(PiiKeys.from(new PiiProperties(Map.of("2026", NEW_KEY), "2026", HASH_KEY, "h1", null, false)))
                .seal(IdentifierKind.EMAIL, "jane.doe-without-a-domain", REQUEST);
        assertThatThrownBy(() -> identifiers.revealEmail(sealed))
                .isInstanceOf(StoredIdentifierInvalid.class).hasMessageNotContaining("jane");
    }

    @Test
    void refusesATruncatedCiphertextAndNamesAMissingKey() {
        assertThatThrownBy(() -> identifiers.revealEmail(new Sealed("2026", new byte[] {1, 2, 3}, REQUEST)))
                .isInstanceOf(CiphertextRejected.class);
        Sealed sealed = identifiers.protect(new EmailAddress("jane@example.com"), REQUEST).sealed();
        assertThatThrownBy(() -> identifiers.revealEmail(new Sealed("retired", sealed.ciphertext(), REQUEST)))
                .isInstanceOf(DecryptionKeyMissing.class).hasMessage("No decryption key configured for key id retired");
    }

    @Test
    void hashesIgnoreCaseAndSeparateEmailsFromPhones() {
        assertThat(identifiers.lookupHash(new EmailAddress("Jane@Example.com")))
                .isEqualTo(identifiers.lookupHash(new EmailAddress("jane@example.com")))
                .isNotEqualTo(identifiers.lookupHash(new EmailAddress("john@example.com")))
                .hasSize(32);
        ProtectedIdentifiers otherKey = new ProtectedIdentifiers(new PiiProperties(Map.of("k", NEW_KEY), "k", key(32), "h1", null, false));
        assertThat(otherKey.lookupHash(new EmailAddress("jane@example.com")))
                .isNotEqualTo(identifiers.lookupHash(new EmailAddress("jane@example.com")));
    }

    @Test
    void refusesToStartWithoutKeysUnlessThrowawayKeysAreAllowed() {
        assertThatThrownBy(() -> new ProtectedIdentifiers(new PiiProperties(null, null, null, "h1", null, false)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Identifier protection keys are missing")
                .hasMessageContaining("privacy.pii.hash-key");
        ProtectedIdentifiers throwaway = new ProtectedIdentifiers(new PiiProperties(null, null, null, "h1", null, true));
        assertThat(throwaway.revealEmail(throwaway.protect(new EmailAddress("a@b.example"), REQUEST).sealed()).value()).isEqualTo("a@b.example");
    }

    @Test
    void throwawayKeysOfTwoReplicasHaveKeyIdsOfTheirOwn() {
        ProtectedIdentifiers one = new ProtectedIdentifiers(new PiiProperties(null, null, null, "h1", null, true));
        ProtectedIdentifiers other = new ProtectedIdentifiers(new PiiProperties(null, null, null, "h1", null, true));
        Sealed sealed = one.protect(new EmailAddress("a@b.example"), REQUEST).sealed();
        assertThat(sealed.keyId()).matches("ephemeral[0-9a-f]{8}");
        assertThatThrownBy(() -> other.revealEmail(sealed)).isInstanceOf(DecryptionKeyMissing.class);
    }

    @Test
    void refusesWeakOrInconsistentKeysWithoutPrintingThem() {
        String shortKey = key(16);
        assertThatThrownBy(() -> new ProtectedIdentifiers(new PiiProperties(Map.of("k", shortKey), "k", HASH_KEY, "h1", null, false)))
                .hasMessageContaining("must be 32 bytes").hasMessageNotContaining(shortKey);
        assertThatThrownBy(() -> new ProtectedIdentifiers(new PiiProperties(Map.of("k", NEW_KEY), "other", HASH_KEY, "h1", null, false)))
                .hasMessageContaining("active-key-id");
        assertThatThrownBy(() -> new ProtectedIdentifiers(new PiiProperties(Map.of("k", NEW_KEY), "k", key(8), "h1", null, false)))
                .hasMessageContaining("hash-key must be at least 32 bytes");
        assertThatThrownBy(() -> new ProtectedIdentifiers(new PiiProperties(Map.of("k", "not base64!"), "k", HASH_KEY, "h1", null, false)))
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
    void printsKeyIdsButNeverKeys() {
        PiiProperties properties = new PiiProperties(Map.of("2026", NEW_KEY), "2026", HASH_KEY, "h1", null, false);
        assertThat(properties.toString()).contains("2026").doesNotContain(NEW_KEY, HASH_KEY);
    }

    @Test
    void refusesValuesThatAreNotIdentifiers() {
        assertThatThrownBy(() -> new EmailAddress("no-at-sign")).hasMessageNotContaining("no-at-sign");
        assertThatThrownBy(() -> new PhoneNumber("0151 123")).hasMessageNotContaining("0151");
    }
}
