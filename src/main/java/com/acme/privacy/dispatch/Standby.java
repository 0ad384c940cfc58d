package com.acme.privacy.dispatch;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Whether this replica stands back from dispatching although it could, and why; health and metrics read it. */
@Component
class Standby {

    private static final Logger log = LoggerFactory.getLogger(Standby.class);

    /** @param until in {@link System#nanoTime()} */
    private record Until(StandDown reason, long until) {
    }

    private final DispatchLeadership leadership;
    private final DispatchWatchdog watchdog;
    private volatile Until standby;

    Standby(DispatchLeadership leadership, DispatchWatchdog watchdog) {
        this.leadership = leadership;
        this.watchdog = watchdog;
    }

    /** Why this replica stands back from dispatching, or {@code null}. */
    StandDown standingDown() {
        if (leadership.refusal() != null) {
            return StandDown.TRANSACTION_POOLING;
        }
        if (watchdog.isStalled()) {
            return StandDown.STALLED;
        }
        Until current = standby;
        return current != null && System.nanoTime() - current.until() < 0 ? current.reason() : null;
    }

    boolean isLeader() {
        return leadership.isLeader();
    }

    /** Gives up the lead, for another replica to take. */
    void resign() {
        leadership.resign();
    }

    /** Gives up the lead and does not take it again for {@code duration}. */
    void standBy(Duration duration, StandDown reason) {
        leadership.resign();
        standby = new Until(reason, System.nanoTime() + duration.toNanos());
        log.warn("Standing back from dispatching for {}: {}", duration, reason.description());
    }

    /** At shutdown: gives up the lead for good. */
    void close() {
        leadership.close();
    }
}
