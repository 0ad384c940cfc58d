package com.acme.privacy.erasure;

/** Concurrent submissions for the same subject kept colliding; the caller may simply send it again. */
public class SubmissionCollided extends RuntimeException {

    SubmissionCollided() {
        super("The request collided with a concurrent change; retry it");
    }
}
