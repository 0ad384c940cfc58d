package com.acme.privacy.dispatch;

import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.springframework.stereotype.Component;

import com.acme.privacy.erasure.lifecycle.CheckQueue;
import com.acme.privacy.erasure.lifecycle.ClaimedCheck;
import com.acme.privacy.erasure.lifecycle.DispatchQueue;

/**
 * Completion checks come after erasures: only when no erasure is due (also between the checks of a batch, so that
 * erasures arriving meanwhile do not wait for it), and only within their share of the day's budget. Each takes up to
 * four calls (two checks, two erasures sent again).
 */
@Component
class CheckBatch {

    private final CheckQueue checks;
    private final DispatchQueue erasures;
    private final CompletionChecker checker;
    private final BatchSizing sizing;
    private final DispatchWatchdog watchdog;
    private final DispatchProperties properties;

    CheckBatch(CheckQueue checks, DispatchQueue erasures, CompletionChecker checker, BatchSizing sizing, DispatchWatchdog watchdog,
               DispatchProperties properties) {
        this.checks = checks;
        this.erasures = erasures;
        this.checker = checker;
        this.sizing = sizing;
        this.watchdog = watchdog;
        this.properties = properties;
    }

    /** @return whether to go on at once: a full batch was checked without a halt, or erasures became due meanwhile */
    boolean check(GateReadings.State state, int erasureBatch, BooleanSupplier stopping) {
        DispatchProperties.CompletionCheck settings = properties.completionCheck();
        if (!settings.enabled() || state.budgetUsed() >= settings.maxBudgetShare() * state.budgetLimit()) {
            return false;
        }
        int size = Math.max(1, erasureBatch / 2);
        List<ClaimedCheck> claimed = checks.claim(size, properties.lease(), properties.replicaId());
        long leaseEnds = System.nanoTime() + properties.lease().toNanos();
        for (int i = 0; i < claimed.size(); i++) {
            watchdog.progress();
            if (i > 0 && erasures.anyDue()) {
                checks.postpone(claimed.subList(i, claimed.size()), properties.replicaId(), Duration.ZERO);
                return true;
            }
            boolean outOfTime = System.nanoTime() + sizing.worstCasePerRequest().multipliedBy(2).toNanos() > leaseEnds;
            boolean stop = stopping.getAsBoolean() || outOfTime;
            CompletionChecker.Halt halt = stop ? new CompletionChecker.Halt(Duration.ZERO, "no time left in this claim")
                    : checker.check(claimed.get(i));
            if (halt != null) {
                List<ClaimedCheck> unchecked = claimed.subList(stop ? i : i + 1, claimed.size());
                if (!unchecked.isEmpty()) {
                    checks.postpone(unchecked, properties.replicaId(), halt.delay());
                }
                return false;
            }
        }
        return claimed.size() == size;
    }
}
