package com.acme.privacy.evidence;

/** No published key with that id. */
class SigningKeyNotFound extends RuntimeException {

    SigningKeyNotFound(String keyId) {
        // The id came from the URL: echoed only when it has the shape of a key id.
        super("No signing key " + (keyId.matches(EvidenceProperties.KEY_ID) ? keyId : "with that id"));
    }
}
