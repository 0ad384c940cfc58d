package com.acme.privacy.pii;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/**
 * Keys that protect identifiers at rest.
 *
 * @param encryptionKeys     AES-256 keys by key id, each base64 of 32 bytes; old ids stay so old rows decrypt
 * @param activeKeyId        the key id new ciphertexts are written with
 * @param hashKey            base64 HMAC-SHA256 key (at least 32 bytes) for lookups and duplicate detection
 * @param hashKeyId          the id that rows hashed under {@code hashKey} carry
 * @param previousHashKeys   hash keys that rotated out, by id: lookups still try them until no row uses them
 * @param ephemeralKeys      generate throwaway keys when none are configured; for local runs and tests only
 */
@ConfigurationProperties("privacy.pii")
@Validated
public record PiiProperties(
        Map<@NotBlank String, @NotBlank String> encryptionKeys,
        @Pattern(regexp = "\\S+", message = "must be a key id without white space") String activeKeyId,
        String hashKey,
        @DefaultValue("h1") @NotBlank String hashKeyId,
        Map<@NotBlank String, @NotBlank String> previousHashKeys,
        @DefaultValue("false") boolean ephemeralKeys) {

    public PiiProperties {
        encryptionKeys = encryptionKeys == null ? Map.of() : Map.copyOf(encryptionKeys);
        previousHashKeys = previousHashKeys == null ? Map.of() : Map.copyOf(previousHashKeys);
    }

    /** Key ids only: the keys must never reach a log or the configprops endpoint. */
    @Override
    public String toString() {
        return "PiiProperties[encryptionKeyIds=" + encryptionKeys.keySet() + ", activeKeyId=" + activeKeyId
                + ", hashKey=" + (hashKey == null ? "none" : "set") + ", hashKeyId=" + hashKeyId
                + ", previousHashKeyIds=" + previousHashKeys.keySet() + ", ephemeralKeys=" + ephemeralKeys + "]";
    }

    boolean hasKeys() {
        return !encryptionKeys.isEmpty() || activeKeyId != null || hashKey != null;
    }

    /** Whether throwaway keys are in use: allowed and nothing configured. */
    public boolean usesThrowawayKeys() {
        return ephemeralKeys && !hasKeys();
    }
}
