package com.acme.privacy.dispatch;

import java.util.UUID;
import java.util.function.Supplier;

import org.slf4j.MDC;

import com.acme.privacy.web.RequestCorrelation;

/** The dispatcher's log lines about a request carry its id and the correlation id of the API call that submitted it. */
final class RequestLogContext {

    private static final String ERASURE_REQUEST_MDC_KEY = "erasureRequestId";

    private RequestLogContext() {
    }

    static <T> T around(UUID requestId, String correlationId, Supplier<T> work) {
        MDC.put(RequestCorrelation.MDC_KEY, correlationId != null ? correlationId : requestId.toString());
        MDC.put(ERASURE_REQUEST_MDC_KEY, requestId.toString());
        try {
            return work.get();
        } finally {
            MDC.remove(RequestCorrelation.MDC_KEY);
            MDC.remove(ERASURE_REQUEST_MDC_KEY);
        }
    }
}
