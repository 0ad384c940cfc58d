package com.acme.privacy.dispatch;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import com.acme.privacy.erasure.ClaimedRequest;
import com.acme.privacy.erasure.DispatchOutcome;
import com.acme.privacy.erasure.GongCallRecord.Identifier;
import com.acme.privacy.erasure.StatusTransitions;
import com.acme.privacy.gong.GongClient;
import com.acme.privacy.gong.GongProperties;
import com.acme.privacy.gong.GongResponse;
import com.acme.privacy.gong.GongUnavailable;
import com.acme.privacy.pii.EmailAddress;
import com.acme.privacy.pii.PhoneNumber;
import com.acme.privacy.pii.ProtectedIdentifiers;
import com.acme.privacy.web.RequestCorrelation;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.ratelimiter.RateLimiter;

/**
 * Forwards due requests to Gong, one round per poll interval, on one thread. Each round: lead (one active dispatcher
 * per database), respect pauses, the circuit and the daily budget, claim a batch under a lease, then send each
 * request at the paced rate and record every call. No database transaction is open during a call.
 */
@Component
class Dispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
    private static final String ERASURE_REQUEST_MDC_KEY = "erasureRequestId";

    private final DispatchProperties properties;
    private final StatusTransitions transitions;
    private final ProtectedIdentifiers identifiers;
    private final GongClient gong;
    private final GongProperties gongProperties;
    private final DispatchLeadership leadership;
    private final DispatchPause pause;
    private final GongDailyBudget budget;
    private final OutcomePolicy outcomes;
    private final RateLimiter rateLimiter;
    private final CircuitBreaker circuitBreaker;
    private final String replica;

    private volatile boolean running;
    private volatile boolean stopping;
    private ScheduledExecutorService executor;

    Dispatcher(DispatchProperties properties, StatusTransitions transitions, ProtectedIdentifiers identifiers, GongClient gong,
               GongProperties gongProperties, DispatchLeadership leadership, DispatchPause pause, GongDailyBudget budget, OutcomePolicy outcomes,
               RateLimiter gongRateLimiter, CircuitBreaker gongCircuitBreaker) {
        this.properties = properties;
        this.transitions = transitions;
        this.identifiers = identifiers;
        this.gong = gong;
        this.gongProperties = gongProperties;
        this.leadership = leadership;
        this.pause = pause;
        this.budget = budget;
        this.outcomes = outcomes;
        this.rateLimiter = gongRateLimiter;
        this.circuitBreaker = gongCircuitBreaker;
        this.replica = properties.replicaId();
    }

    @Override
    public void start() {
        if (!properties.enabled()) {
            log.info("Dispatching is switched off on this replica");
            return;
        }
        if (!gong.isConfigured()) {
            throw new IllegalStateException("privacy.dispatch.enabled is true but no Gong credentials are configured: set "
                    + "privacy.gong.access-key and privacy.gong.access-key-secret, or privacy.gong.bearer-token");
        }
        Duration worstCase = worstCasePerRequest();
        if (properties.lease().compareTo(worstCase.multipliedBy(2)) < 0) {
            throw new IllegalStateException("privacy.dispatch.lease (" + properties.lease() + ") must be at least twice the "
                    + "longest a request can take (" + worstCase + ": two calls, each with connect and read timeouts and a "
                    + "rate-limit wait); raise the lease or lower privacy.gong.read-timeout");
        }
        stopping = false;
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> new Thread(runnable, "dispatcher"));
        executor.scheduleWithFixedDelay(this::round, 0, properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
        running = true;
        log.info("Dispatcher started as {}", replica);
    }

    /** Stops claiming, lets the call under way finish and be recorded, and returns unstarted claims to the queue. */
    @Override
    public void stop() {
        if (!running) {
            return;
        }
        stopping = true;
        executor.shutdown();
        try {
            if (!executor.awaitTermination(properties.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("A Gong call outlived the shutdown grace period; its claim returns to the queue when the lease expires");
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        leadership.resign();
        running = false;
        log.info("Dispatcher stopped");
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    boolean isLeader() {
        return leadership.isLeader();
    }

    private void round() {
        try {
            if (!stopping && leadership.lead()) {
                dispatchDue();
            }
        } catch (Throwable e) {
            // Anything thrown out of here would cancel the schedule while this replica keeps the lead.
            log.error("Dispatch round failed: {}", e.getClass().getSimpleName(), e);
        }
    }

    private void dispatchDue() {
        if (pause.current().active() || !circuitAllowsCalls()) {
            return;
        }
        int budgetLeft = budget.remainingToday();
        if (budgetLeft == 0) {
            return;
        }
        List<ClaimedRequest> claimed = transitions.claim(batchSize(budgetLeft), properties.lease(), replica);
        if (!claimed.isEmpty()) {
            process(claimed);
        }
    }

    /** No more than the rate can serve in half the lease at two calls per request, nor than the budget allows. */
    private int batchSize(int budgetLeft) {
        int servable = (int) (properties.callsPerSecond() * properties.lease().toSeconds() / 4);
        int size = Math.min(Math.min(properties.maxBatch(), Math.max(1, servable)), budgetLeft);
        if (circuitBreaker.getState() == CircuitBreaker.State.HALF_OPEN) {
            size = Math.min(size, circuitBreaker.getCircuitBreakerConfig().getPermittedNumberOfCallsInHalfOpenState());
        }
        return size;
    }

    private void process(List<ClaimedRequest> claimed) {
        long leaseEnds = System.nanoTime() + properties.lease().toNanos();
        Deque<ClaimedRequest> queue = new ArrayDeque<>(claimed);
        while (!queue.isEmpty()) {
            String stopReason = reasonToStop(leaseEnds);
            if (stopReason != null) {
                transitions.release(List.copyOf(queue), replica, Duration.ZERO, stopReason);
                return;
            }
            ClaimedRequest request = queue.poll();
            Halt halt;
            try {
                halt = dispatchCorrelated(request);
            } catch (RuntimeException e) {
                log.error("Erasure request {}: dispatch failed ({}); returning the batch to the queue", request.id(),
                        e.getClass().getSimpleName(), e);
                halt = new Halt(Duration.ZERO, "The dispatcher failed unexpectedly; back to the queue", true);
            }
            if (halt != null) {
                List<ClaimedRequest> unsent = new ArrayList<>();
                if (halt.includesCurrent()) {
                    unsent.add(request);
                }
                unsent.addAll(queue);
                transitions.release(unsent, replica, halt.delay(), halt.reason());
                return;
            }
        }
    }

    private String reasonToStop(long leaseEnds) {
        if (stopping) {
            return "The dispatcher is shutting down";
        }
        if (System.nanoTime() + worstCasePerRequest().toNanos() > leaseEnds) {
            return "The claim's lease would run out before this request could be sent";
        }
        if (!leadership.lead()) {
            return "This replica is no longer the active dispatcher";
        }
        if (!circuitAllowsCalls()) {
            return "Gong is unavailable (circuit open)";
        }
        return null;
    }

    /** Log lines about a request carry the correlation id of the call that submitted it. */
    private Halt dispatchCorrelated(ClaimedRequest request) {
        MDC.put(RequestCorrelation.MDC_KEY, request.correlationId() != null ? request.correlationId() : request.id().toString());
        MDC.put(ERASURE_REQUEST_MDC_KEY, request.id().toString());
        try {
            return dispatch(request);
        } finally {
            MDC.remove(RequestCorrelation.MDC_KEY);
            MDC.remove(ERASURE_REQUEST_MDC_KEY);
        }
    }

    /** Two calls, each waiting for a permit, a connection and an answer. */
    private Duration worstCasePerRequest() {
        return gongProperties.connectTimeout().plus(gongProperties.readTimeout())
                .plus(rateLimiter.getRateLimiterConfig().getTimeoutDuration()).multipliedBy(2);
    }

    /** Sends each identifier still to erase; {@code null} when the batch may go on. */
    private Halt dispatch(ClaimedRequest request) {
        EmailAddress email;
        PhoneNumber phone;
        try {
            email = identifiers.revealEmail(request.email());
            phone = request.phone() == null ? null : identifiers.revealPhone(request.phone());
        } catch (IllegalStateException undecryptable) {
            // A missing or wrong key will not fix itself; retrying would block the queue's head forever.
            transitions.settle(request, replica, new DispatchOutcome.Failed("The identifiers cannot be decrypted: "
                    + undecryptable.getMessage()));
            return null;
        }
        UnaryOperator<String> redact = text -> phone == null ? email.redactFrom(text) : phone.redactFrom(email.redactFrom(text));
        boolean emailLeft = request.gongEmailRequestId() == null;
        boolean phoneLeft = phone != null && request.gongPhoneRequestId() == null;
        if (!emailLeft && !phoneLeft) {
            transitions.settle(request, replica, new DispatchOutcome.Submitted());
            return null;
        }
        if (emailLeft) {
            Step step = send(request, Identifier.EMAIL, () -> gong.eraseEmail(email), !phoneLeft, redact);
            if (step.halt() != null || step.settled()) {
                return step.halt();
            }
        }
        return phoneLeft ? send(request, Identifier.PHONE, () -> gong.erasePhone(phone), true, redact).halt() : null;
    }

    private Step send(ClaimedRequest request, Identifier identifier, Supplier<GongResponse> call, boolean last,
                      UnaryOperator<String> redact) {
        if (!rateLimiter.acquirePermission()) {
            return Step.halt(new Halt(Duration.ZERO, "No rate-limit permit in time", true));
        }
        if (!circuitAllowsCalls()) {
            return Step.halt(new Halt(Duration.ZERO, "Gong is unavailable (circuit open)", true));
        }
        if (!budget.tryReserve()) {
            log.warn("Today's Gong budget of {} calls is spent; dispatching resumes tomorrow (UTC)", budget.limit());
            return Step.halt(new Halt(Duration.ZERO, "Today's Gong call budget is spent", true));
        }
        OutcomePolicy.Decision decision;
        try {
            decision = outcomes.answered(identifier, circuitBreaker.executeSupplier(call), request.attempt(), last, redact);
        } catch (GongUnavailable e) {
            decision = outcomes.unavailable(identifier, e, request.attempt(), redact);
        } catch (CallNotPermittedException e) {
            return Step.halt(new Halt(Duration.ZERO, "Gong is unavailable (circuit open)", true));
        }
        boolean held = transitions.recordCall(request, replica, decision.call(), decision.outcome());
        log.info("Erasure request {} attempt {}: {} -> {} in {} ms{}", request.id(), request.attempt(), decision.call().endpoint(),
                decision.call().httpStatus() != null ? decision.call().httpStatus() : decision.call().failure(),
                decision.call().latencyMs(), decision.call().gongRequestId() != null ? ", Gong requestId " + decision.call().gongRequestId() : "");
        if (!held) {
            log.warn("Erasure request {}: the lease was lost during the call; its outcome is left to the new holder", request.id());
        }
        Halt halt = pauseFor(decision);
        boolean settled = !held || !(decision.outcome() instanceof DispatchOutcome.Progress);
        return new Step(settled, halt);
    }

    private Halt pauseFor(OutcomePolicy.Decision decision) {
        switch (decision.pause()) {
            case RATE_LIMITED -> {
                log.warn("Gong answered 429: no calls from any replica for {}", decision.pauseFor());
                pause.rateLimited(decision.pauseFor(), replica);
                rateLimiter.drainPermissions();
                return new Halt(decision.pauseFor(), "Gong's rate limit was exceeded; waiting for Retry-After", false);
            }
            case CREDENTIALS_REJECTED -> {
                log.error("Gong rejected the credentials: dispatching paused for {}", decision.pauseFor());
                pause.credentialsRejected(decision.pauseFor(), replica);
                return new Halt(decision.pauseFor(), "Gong rejected the credentials", false);
            }
            default -> {
                if (decision.call().httpStatus() != null && decision.call().httpStatus() / 100 == 2) {
                    pause.clear(replica);
                }
                return null;
            }
        }
    }

    private boolean circuitAllowsCalls() {
        CircuitBreaker.State state = circuitBreaker.getState();
        return state != CircuitBreaker.State.OPEN && state != CircuitBreaker.State.FORCED_OPEN;
    }

    /** @param includesCurrent whether the request being sent also goes back unsent */
    private record Halt(Duration delay, String reason, boolean includesCurrent) {
    }

    /** @param settled whether the request left DISPATCHING (or this replica's hands) */
    private record Step(boolean settled, Halt halt) {

        static Step halt(Halt halt) {
            return new Step(false, halt);
        }
    }
}
