package com.acme.privacy.web;

import java.io.IOException;

/** Thrown while reading a body sent without Content-Length once it passes the limit. */
class PayloadTooLarge extends IOException {

    private final long limit;

    PayloadTooLarge(long limit) {
        super("Request body exceeds " + limit + " bytes");
        this.limit = limit;
    }

    long limit() {
        return limit;
    }
}
