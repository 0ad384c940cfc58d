package com.acme.privacy.dispatch;

import org.springframework.modulith.NamedInterface;

/**
 * Whether requests can reach Gong now, as the dispatcher's gate sees it.
 *
 * @param state           a short summary, e.g. {@code up}, {@code circuit open}, {@code daily budget spent}
 * @param healthy         false while the circuit is open or Gong refused us in a way that needs a human
 * @param circuit         the circuit breaker's state on this replica
 * @param callsPerSecond  the pace calls go at
 * @param dispatchingHere whether this replica is the one that dispatches; only its circuit is the real one
 */
@NamedInterface("gate")
public record GongGateStatus(String state, boolean healthy, int budgetUsedToday, int budgetLimit, String circuit,
                             double callsPerSecond, boolean dispatchingHere) {
}
