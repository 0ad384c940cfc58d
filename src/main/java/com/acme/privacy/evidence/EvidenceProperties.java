package com.acme.privacy.evidence;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Pattern;

/**
 * Signed evidence: receipts and audit anchors.
 *
 * @param signingKeys          Ed25519 private keys by key id, each base64 of the PKCS#8 DER form
 *                             ({@code openssl genpkey -algorithm ed25519 -outform DER | base64 -w0})
 * @param activeKeyId          the key id receipts and anchors are signed with
 * @param ephemeralKeys        generate a throwaway key when none is configured; for local runs and tests only
 * @param anchorInterval       how often a signed anchor over every request's chain head is taken
 * @param verificationInterval how often every request's chain and the anchors are verified
 */
@ConfigurationProperties("privacy.evidence")
@Validated
public record EvidenceProperties(
        Map<@Pattern(regexp = KEY_ID) String, String> signingKeys,
        @Pattern(regexp = KEY_ID) String activeKeyId,
        @DefaultValue("false") boolean ephemeralKeys,
        @DefaultValue("1d") Duration anchorInterval,
        @DefaultValue("1d") Duration verificationInterval) {

    /** Environment variables lower-case map keys and drop their dashes, so ids are kept to what survives that. */
    static final String KEY_ID = "[a-z][a-z0-9]{0,31}";

    public EvidenceProperties {
        signingKeys = signingKeys == null ? Map.of() : Map.copyOf(signingKeys);
    }

    /** Whether a throwaway key is in use: allowed and nothing configured. */
    public boolean usesThrowawayKey() {
        return ephemeralKeys && signingKeys.isEmpty() && activeKeyId == null;
    }

    /** Key ids only: the keys must never reach a log or the configprops endpoint. */
    @Override
    public String toString() {
        return "EvidenceProperties[signingKeyIds=" + signingKeys.keySet() + ", activeKeyId=" + activeKeyId
                + ", ephemeralKeys=" + ephemeralKeys + ", anchorInterval=" + anchorInterval
                + ", verificationInterval=" + verificationInterval + "]";
    }
}
