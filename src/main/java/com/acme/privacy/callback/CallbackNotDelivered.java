package com.acme.privacy.callback;

/** A portal did not take a callback; its event publication stays incomplete and is retried. Names no identifier. */
class CallbackNotDelivered extends RuntimeException {

    CallbackNotDelivered(String why) {
        super(why, null, false, false);
    }
}
