package com.acme.privacy.dispatch;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The key ids this replica lacked. Met once, another replica may hold the key: stand back. Met again soon after (each
 * meeting extends "soon"), no replica took the request meanwhile: a configuration fault.
 */
final class MissingKeys {

    private final Duration soon;
    private final Map<String, Long> lastMet = new ConcurrentHashMap<>();

    MissingKeys(Duration standby) {
        this.soon = standby.multipliedBy(3);
    }

    /** @return whether this key id was met shortly before */
    boolean metAgain(String keyId) {
        long now = System.nanoTime();
        Long last = lastMet.put(keyId, now);
        return last != null && now - last < soon.toNanos();
    }
}
