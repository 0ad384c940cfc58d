package com.acme.privacy.callback;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

import com.acme.privacy.erasure.ErasureRequestChanged;

import tools.jackson.databind.json.JsonMapper;

/**
 * Tells a request's portal of its change, after the change committed and on a thread of its own, so that a portal's
 * outage never slows dispatching. A failed delivery leaves the event's publication incomplete: {@link CallbackRetries}
 * sends it again. Portals without a callback hear nothing.
 */
@Component
class PortalCallbacks {

    private static final Logger log = LoggerFactory.getLogger(PortalCallbacks.class);
    /** The publications' listener id: fixed, so that renaming the method leaves stored publications deliverable. */
    static final String LISTENER_ID = "portal-callbacks";

    private final CallbackProperties properties;
    private final CallbackSender sender;
    private final CallbackMetrics metrics;
    private final JsonMapper json;

    PortalCallbacks(CallbackProperties properties, CallbackSender sender, CallbackMetrics metrics, JsonMapper json) {
        this.properties = properties;
        this.sender = sender;
        this.metrics = metrics;
        this.json = json;
    }

    /**
     * After the change commits, on another thread. Not {@code @ApplicationModuleListener}: its transaction would hold a
     * pooled database connection for as long as the portal takes to answer, and this needs none.
     */
    @Async
    @TransactionalEventListener(id = LISTENER_ID)
    void on(ErasureRequestChanged change) {
        properties.portalOf(change.source()).ifPresent(portal -> {
            try {
                sender.send(portal, change.eventId().toString(), body(change));
            } catch (CallbackNotDelivered failure) {
                metrics.failed(portal);
                log.warn("Callback {} for erasure request {} not delivered: {}", change.eventId(), change.requestId(), failure.getMessage());
                throw failure;
            }
            metrics.delivered(portal);
            log.info("Callback {} for erasure request {} delivered to {}", change.eventId(), change.requestId(), portal.source());
        });
    }

    /** The Standard Webhooks shape: a type, a timestamp and the data; never an identifier. */
    private String body(ErasureRequestChanged change) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("requestId", change.requestId().toString());
        data.put("externalReference", change.externalReference());
        data.put("change", change.change().name());
        data.put("status", change.status().name());
        data.put("occurredAt", change.occurredAt().toString());
        data.put("receivedAt", change.receivedAt().toString());
        data.put("dueAt", change.dueAt().toString());
        data.put("originalDueAt", change.originalDueAt() == null ? null : change.originalDueAt().toString());
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", "erasure_request." + change.change().name().toLowerCase(Locale.ROOT));
        event.put("timestamp", change.occurredAt().toString());
        event.put("data", data);
        return json.writeValueAsString(event);
    }
}
