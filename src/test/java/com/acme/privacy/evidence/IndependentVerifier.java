package com.acme.privacy.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

/**
 * Verifies a signed document the way an auditor would, knowing nothing of the signing code: with the JDK's own
 * Ed25519 verifier, and with {@code openssl pkeyutl} where it is installed, each on the published PEM key.
 */
final class IndependentVerifier {

    private IndependentVerifier() {
    }

    static boolean jdkVerifies(String publicKeyPem, byte[] payload, byte[] signatureBytes) throws GeneralSecurityException {
        String base64 = publicKeyPem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        PublicKey key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(key);
        verifier.update(payload);
        return verifier.verify(signatureBytes);
    }

    static boolean opensslAvailable() {
        try {
            return new ProcessBuilder("openssl", "version").start().waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The README's one-liner, run on files as an auditor would have them. */
    static boolean opensslVerifies(String publicKeyPem, byte[] payload, byte[] signatureBytes) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("receipt");
        Files.writeString(dir.resolve("key.pem"), publicKeyPem, StandardCharsets.US_ASCII);
        Files.write(dir.resolve("payload.json"), payload);
        Files.write(dir.resolve("payload.sig"), signatureBytes);
        Process openssl = new ProcessBuilder("openssl", "pkeyutl", "-verify", "-pubin", "-inkey", "key.pem", "-rawin",
                "-in", "payload.json", "-sigfile", "payload.sig").directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(openssl.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return openssl.exitValue() == 0 && output.contains("Signature Verified Successfully");
    }
}
