package com.acme.privacy.testsupport;

import org.springframework.jdbc.core.simple.JdbcClient;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;

/** Puts Gong and the dispatcher's shared state back to normal between tests that share a context. */
public final class GongConditions {

    private GongConditions() {
    }

    public static void normal(GongSandbox sandbox, CircuitBreakerRegistry circuitBreakers, JdbcClient jdbc) {
        sandbox.reset();
        circuitBreakers.circuitBreaker("gong").reset();
        jdbc.sql("UPDATE dispatch_pause SET paused_until = NULL, reason = NULL").update();
        jdbc.sql("DELETE FROM gong_daily_usage").update();
    }
}
