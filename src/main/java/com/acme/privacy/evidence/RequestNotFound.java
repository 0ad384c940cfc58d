package com.acme.privacy.evidence;

import java.util.UUID;

/** No such request, or one the caller may not see: the two answer alike. */
public class RequestNotFound extends RuntimeException {

    RequestNotFound(UUID id) {
        super("No erasure request " + id);
    }
}
