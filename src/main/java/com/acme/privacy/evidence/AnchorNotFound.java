package com.acme.privacy.evidence;

/** No anchor with that id. */
class AnchorNotFound extends RuntimeException {

    AnchorNotFound(long id) {
        super("No audit anchor " + id);
    }
}
