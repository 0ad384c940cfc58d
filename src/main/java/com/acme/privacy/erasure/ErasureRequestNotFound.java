package com.acme.privacy.erasure;

import java.util.UUID;

/** No request has this id, or none the caller may see: the two look alike on purpose. */
public class ErasureRequestNotFound extends RuntimeException {

    private final UUID id;

    public ErasureRequestNotFound(UUID id) {
        super("No erasure request " + id);
        this.id = id;
    }

    public UUID id() {
        return id;
    }
}
