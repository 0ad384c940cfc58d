package com.acme.privacy.erasure;

import java.time.Instant;
import java.util.List;

/** Query parameters of the list endpoint; every criterion is optional and they combine with AND. */
public record ErasureRequestFilter(List<ErasureStatus> status, String source, Instant receivedFrom, Instant receivedTo,
                            Instant createdFrom, Instant createdTo, Boolean overdue) {

    public ErasureRequestFilter withSource(String only) {
        return new ErasureRequestFilter(status, only, receivedFrom, receivedTo, createdFrom, createdTo, overdue);
    }
}
