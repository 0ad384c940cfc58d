package com.acme.privacy.erasure;

/** This response cannot be recorded for the request as it stands; the message says why, in the caller's terms. */
public class ResponseNotAllowed extends RuntimeException {

    ResponseNotAllowed(String why) {
        super(why);
    }
}
