package com.acme.privacy.quota;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

import com.acme.privacy.security.Caller;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Refusals per client and quota, and each API client's share of its daily quota used. People signing in through SSO
 * are counted together as {@code sso}, so that the series stay a short, fixed list.
 */
@Component
class QuotaMetrics {

    private final MeterRegistry meters;
    private final Map<String, Counter> refusals = new ConcurrentHashMap<>();
    private final Map<String, Gauge> dailyShares = new ConcurrentHashMap<>();

    QuotaMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    void refused(Caller caller, Quota quota) {
        String client = clientTag(caller);
        refusals.computeIfAbsent(client + "|" + quota.tag(), key -> Counter.builder("privacy.quota.refusals")
                        .description("Submissions refused with 429, by client and quota (rate or daily)")
                        .tag("client", client)
                        .tag("quota", quota.tag())
                        .register(meters))
                .increment();
    }

    /** Registers, once per API client, the share of its daily quota used today across the deployment. */
    void watchDailyShare(Caller caller, DailySubmissions daily, long perDay) {
        if (caller.kind() == Caller.Kind.CLIENT) {
            dailyShares.computeIfAbsent(caller.name(), client -> Gauge.builder("privacy.quota.daily.used.ratio",
                            daily, counts -> (double) counts.countToday(client) / perDay)
                    .description("Share of the client's daily submission quota used today (UTC)")
                    .tag("client", client)
                    .register(meters));
        }
    }

    private static String clientTag(Caller caller) {
        return caller.kind() == Caller.Kind.CLIENT ? caller.name() : "sso";
    }
}
