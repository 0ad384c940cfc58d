package com.acme.privacy.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;

/** Recognises API keys by their SHA-256, comparing in constant time against every configured key. */
@Component
class ApiKeys {

    private record Known(byte[] sha256, Caller caller) {
    }

    private final List<Known> known;

    ApiKeys(AccessControlProperties properties) {
        this.known = properties.apiKeys().stream()
                .map(key -> new Known(HexFormat.of().parseHex(key.sha256().toLowerCase()),
                        new Caller(key.client(), Caller.Kind.CLIENT, key.roles())))
                .toList();
    }

    Optional<Caller> identify(String presented) {
        byte[] digest = sha256(presented);
        Caller match = null;
        for (Known key : known) {
            // No early exit: the time taken does not depend on which key matched.
            if (MessageDigest.isEqual(digest, key.sha256())) {
                match = key.caller();
            }
        }
        return Optional.ofNullable(match);
    }

    static byte[] sha256(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }
}
