package com.acme.privacy.callback;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.springframework.stereotype.Component;

/**
 * POSTs one signed event to a portal. The whole exchange has one deadline (the JDK's request timeout stops counting
 * once headers arrive), and the answer's body is not read: only its status matters.
 */
@Component
class CallbackSender {

    private final HttpClient http;
    private final CallbackProperties properties;
    private final Clock clock;

    CallbackSender(CallbackProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(properties.timeout()).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** @throws CallbackNotDelivered unless the portal answered 2xx in time */
    void send(CallbackProperties.Portal portal, String id, String body) {
        long timestamp = clock.instant().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(portal.url())
                .timeout(properties.timeout())
                .header("Content-Type", "application/json")
                .header("webhook-id", id)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", WebhookSigner.sign(portal.secret(), id, timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        CompletableFuture<HttpResponse<Void>> exchange = http.sendAsync(request, HttpResponse.BodyHandlers.discarding());
        int status;
        try {
            status = exchange.get(properties.timeout().toMillis(), TimeUnit.MILLISECONDS).statusCode();
        } catch (TimeoutException e) {
            exchange.cancel(true);
            throw new CallbackNotDelivered("The callback to " + portal.source() + " timed out");
        } catch (ExecutionException e) {
            throw new CallbackNotDelivered("The callback to " + portal.source() + " failed: " + e.getCause().getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.cancel(true);
            throw new CallbackNotDelivered("The callback to " + portal.source() + " was interrupted");
        }
        if (status / 100 != 2) {
            throw new CallbackNotDelivered(portal.source() + " answered the callback with " + status);
        }
    }
}
