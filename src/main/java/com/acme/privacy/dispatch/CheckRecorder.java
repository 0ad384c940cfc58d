package com.acme.privacy.dispatch;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.acme.privacy.audit.AuditEntry;
import com.acme.privacy.erasure.lifecycle.CheckQueue;
import com.acme.privacy.erasure.lifecycle.CheckVerdict;
import com.acme.privacy.erasure.lifecycle.ClaimedCheck;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** Puts a check's verdict and calls on record, counts it by result and logs it. */
@Component
class CheckRecorder {

    private static final Logger log = LoggerFactory.getLogger(CheckRecorder.class);

    private final CheckQueue checks;
    private final MeterRegistry meters;
    private final String replica;
    private final Map<String, Counter> results = new ConcurrentHashMap<>();

    CheckRecorder(CheckQueue checks, MeterRegistry meters, DispatchProperties properties) {
        this.checks = checks;
        this.meters = meters;
        this.replica = properties.replicaId();
    }

    void settle(ClaimedCheck check, CheckVerdict verdict, String lastCheck, List<AuditEntry> events) {
        if (!checks.record(check, replica, verdict, lastCheck, events)) {
            log.warn("Erasure request {}: the check's claim was lost; its result is on record, the status left as it is", check.id());
        }
        String result = result(verdict);
        results.computeIfAbsent(result, tag -> Counter.builder("privacy.completion.checks")
                .description("Completion checks by result: completed, data_left, needs_attention, not_made")
                .tag("result", tag).register(meters)).increment();
        if (verdict instanceof CheckVerdict.Later later) {
            log.info("Erasure request {}: completion check {} not made: {}; again in {}", check.id(), check.number(), later.reason(),
                    later.delay());
        } else {
            log.info("Erasure request {}: completion check {}: {}", check.id(), check.number(), result);
        }
    }

    private static String result(CheckVerdict verdict) {
        return verdict instanceof CheckVerdict.Completed ? "completed" : verdict instanceof CheckVerdict.DataLeft ? "data_left"
                : verdict instanceof CheckVerdict.NeedsAttention ? "needs_attention" : "not_made";
    }
}
