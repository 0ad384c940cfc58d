package com.acme.privacy.erasure;

import java.util.UUID;

/** A request's status or deadline may not change the way asked; the message says why, in the caller's terms. */
public class TransitionNotAllowed extends RuntimeException {

    private final UUID id;

    TransitionNotAllowed(UUID id, ErasureStatus from, ErasureStatus to) {
        this(id, "Erasure request " + id + " is " + from + " and cannot become " + to);
    }

    TransitionNotAllowed(UUID id, String why) {
        super(why);
        this.id = id;
    }

    public UUID id() {
        return id;
    }
}
