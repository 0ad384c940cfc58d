package com.acme.privacy.dispatch;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.acme.privacy.erasure.lifecycle.ClaimedRequest;
import com.acme.privacy.erasure.lifecycle.DispatchQueue;
import com.acme.privacy.web.RedactedFailure;

/**
 * Claims a short batch of due erasures under a lease and sends it request by request. What cannot be sent goes back
 * to the queue unsent; claims that cannot even be handed back (the database is away) are handed back as soon as it
 * answers again.
 */
@Component
class ErasureBatch {

    private static final Logger log = LoggerFactory.getLogger(ErasureBatch.class);

    /** What a claim came to: nothing was due, every claimed request was sent, or a halt stopped the batch. */
    enum Sent { NOTHING_DUE, ALL, HALTED }

    private final DispatchQueue queue;
    private final RequestSender sender;
    private final BatchSizing sizing;
    private final Standby standby;
    private final DispatchWatchdog watchdog;
    private final DispatchProperties properties;
    /** Claims that could not be handed back, e.g. while the database was away; tried again every round. */
    private final List<Unreleased> unreleased = new ArrayList<>();

    ErasureBatch(DispatchQueue queue, RequestSender sender, BatchSizing sizing, Standby standby, DispatchWatchdog watchdog,
                 DispatchProperties properties) {
        this.queue = queue;
        this.sender = sender;
        this.sizing = sizing;
        this.standby = standby;
        this.watchdog = watchdog;
        this.properties = properties;
    }

    /** How many to claim now. */
    int batchSize(GateReadings.State state) {
        return sizing.erasures(state);
    }

    /**
     * Claims up to {@code size} due requests and sends them.
     *
     * @param stopping asked between requests: true once the dispatcher is shutting down
     */
    Sent claimAndSend(int size, BooleanSupplier stopping) {
        List<ClaimedRequest> claimed = queue.claim(size, properties.lease(), properties.replicaId());
        if (claimed.isEmpty()) {
            return Sent.NOTHING_DUE;
        }
        return send(claimed, stopping) ? Sent.ALL : Sent.HALTED;
    }

    /** @return whether every request of the batch was sent, without a halt */
    private boolean send(List<ClaimedRequest> claimed, BooleanSupplier stopping) {
        long leaseEnds = System.nanoTime() + properties.lease().toNanos();
        Deque<ClaimedRequest> batch = new ArrayDeque<>();
        List<ClaimedRequest> sameSubject = new ArrayList<>();
        for (ClaimedRequest request : claimed) {
            boolean seen = batch.stream().anyMatch(first -> first.subject().sharesEmailWith(request.subject()));
            (seen ? sameSubject : batch).add(request);
        }
        // Gong erases a subject once: the others of the batch go back and take over the first one's receipt.
        release(sameSubject, Duration.ZERO, "Another request of the same subject is sent first; its receipt carries over");
        while (!batch.isEmpty()) {
            watchdog.progress();
            String stop = stopping.getAsBoolean() ? "The dispatcher is shutting down"
                    : System.nanoTime() + sizing.worstCasePerRequest().toNanos() > leaseEnds
                    ? "The claim's lease would run out before this request could be sent" : null;
            if (stop != null) {
                release(List.copyOf(batch), Duration.ZERO, stop);
                return false;
            }
            ClaimedRequest request = batch.poll();
            RequestSender.Halt halt = sendOne(request);
            if (halt != null) {
                List<ClaimedRequest> unsent = new ArrayList<>();
                if (halt.includesCurrent()) {
                    unsent.add(request);
                }
                unsent.addAll(batch);
                release(unsent, halt.delay(), halt.reason());
                if (halt.standDown()) {
                    standby.standBy(properties.missingKeyStandby(), StandDown.MISSING_KEY);
                }
                return false;
            }
        }
        return true;
    }

    private RequestSender.Halt sendOne(ClaimedRequest request) {
        try {
            return sender.send(request);
        } catch (RuntimeException e) {
            log.error("Erasure request {}: dispatch failed ({})", request.id(), e.getClass().getSimpleName(), RedactedFailure.of(e));
            boolean settled = sender.failed(request, e);
            return new RequestSender.Halt(Duration.ZERO, "The dispatcher failed unexpectedly; back to the queue", !settled, false);
        }
    }

    private void release(List<ClaimedRequest> claims, Duration delay, String reason) {
        if (claims.isEmpty()) {
            return;
        }
        try {
            queue.release(claims, properties.replicaId(), delay, reason);
        } catch (RuntimeException e) {
            log.warn("Could not hand back {} claims ({}); trying again next round", claims.size(), e.getClass().getSimpleName());
            unreleased.add(new Unreleased(claims, reason));
        }
    }

    /** Once the database answers again, claims still held go back without waiting for their lease. */
    void handBack() {
        for (Iterator<Unreleased> pending = unreleased.iterator(); pending.hasNext(); ) {
            Unreleased claims = pending.next();
            try {
                queue.release(claims.claims(), properties.replicaId(), Duration.ZERO,
                        claims.reason() + "; handed back when the database answered again");
            } catch (RuntimeException stillAway) {
                return;
            }
            pending.remove();
            log.info("Handed back {} claims", claims.claims().size());
        }
    }

    private record Unreleased(List<ClaimedRequest> claims, String reason) {
    }
}
