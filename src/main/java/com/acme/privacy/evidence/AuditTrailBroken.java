package com.acme.privacy.evidence;

import java.util.UUID;

/** The request's trail does not verify, so the service will not sign anything about it. */
public class AuditTrailBroken extends RuntimeException {

    AuditTrailBroken(UUID id) {
        super("The audit trail of erasure request " + id + " does not verify, so no receipt is issued; GET the request to "
                + "see where it breaks");
    }
}
