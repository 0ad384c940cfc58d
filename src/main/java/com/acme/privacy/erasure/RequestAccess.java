package com.acme.privacy.erasure;

import org.springframework.stereotype.Component;

import com.acme.privacy.security.Caller;

/**
 * What a caller may see of a request. VIEWERs and ADMINs see everything; a SUBMITTER sees only the requests it
 * submitted: another portal's request looks exactly like one that does not exist. Lists and searches apply the same
 * rule in their SQL, so that hidden rows cost nothing a caller could time.
 */
@Component
public class RequestAccess {

    public boolean canRead(Caller caller, ErasureRequest request) {
        return caller.readsEverything() || caller.source().equals(request.getSource());
    }

    /** The source a caller's lists and searches are limited to, or {@code null} for all. */
    public String onlySource(Caller caller) {
        return caller.readsEverything() ? null : caller.source();
    }
}
