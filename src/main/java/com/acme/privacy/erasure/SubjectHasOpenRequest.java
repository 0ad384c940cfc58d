package com.acme.privacy.erasure;

/**
 * The subject already has an open request, and this submission carries a phone number that request does not: taking
 * it as a repeat would drop that number, so it is refused rather than answered as a repeat.
 */
public class SubjectHasOpenRequest extends RuntimeException {

    SubjectHasOpenRequest() {
        super("The subject already has an open erasure request without this phone number; submit again once it has been sent to Gong");
    }
}
