package com.acme.privacy.suppression;

/** The caller asked more than {@code privacy.suppression.checks-per-second}; it may ask again within a second. */
class ChecksTooFrequent extends RuntimeException {

    ChecksTooFrequent() {
        super(null, null, false, false);
    }
}
