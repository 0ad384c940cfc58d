package com.acme.privacy.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import com.acme.privacy.testsupport.SettableClock;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** Failed sign-ins are tracked per address in bounded memory, whatever addresses a caller makes up. */
@ExtendWith(OutputCaptureExtension.class)
class AuthenticationFailuresTest {

    private final SettableClock clock = new SettableClock();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final AuthenticationFailures failures = new AuthenticationFailures(meters, clock);

    @Test
    void aFloodOfMadeUpAddressesStaysBounded() {
        Logger logger = (Logger) LoggerFactory.getLogger(AuthenticationFailures.class);
        logger.setLevel(Level.ERROR);
        try {
            // As X-Forwarded-For would hand them over, one new address per failure, all within one minute.
            for (int i = 0; i < 25_000; i++) {
                failures.record("10." + (i >> 16) + "." + (i >> 8 & 255) + "." + (i & 255), "invalid_credentials");
            }
            failures.record("x".repeat(8_000), "invalid_credentials");
        } finally {
            logger.setLevel(null);
        }

        assertThat(failures.tracked()).isLessThanOrEqualTo(10_000);
        assertThat(meters.get("privacy.auth.failures").tag("reason", "invalid_credentials").counter().count()).isEqualTo(25_001);
    }

    @Test
    void theFirstFailureOfAMinuteAndEveryTenthAreLogged(CapturedOutput output) {
        for (int i = 0; i < 20; i++) {
            failures.record("192.0.2.7", "missing_credentials");
        }
        clock.advance(Duration.ofSeconds(61));
        failures.record("192.0.2.7", "missing_credentials");

        assertThat(output.getOut().lines().filter(line -> line.contains("Authentication failed from 192.0.2.7")))
                .hasSize(4)
                .anySatisfy(line -> assertThat(line).contains("(10 in the last minute)"))
                .anySatisfy(line -> assertThat(line).contains("(20 in the last minute)"))
                .filteredOn(line -> line.contains("(1 in the last minute)")).hasSize(2);
    }
}
