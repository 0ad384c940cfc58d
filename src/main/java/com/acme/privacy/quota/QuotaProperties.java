package com.acme.privacy.quota;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

/**
 * How many submissions each caller may make: a rate, so that a looping portal cannot crowd out the others, and a
 * daily count, so that it cannot queue more than a day of Gong's budget.
 *
 * @param perSecond     submissions per second for every API client without a line in {@code clients}
 * @param perDay        submissions per UTC day for every API client without a line in {@code clients}
 * @param clients       limits of their own for named API clients
 * @param sso           the limits of each person or service signed in through SSO
 * @param flushInterval how often each replica adds its day's counts to the shared ones in PostgreSQL
 */
@ConfigurationProperties("privacy.quota")
@Validated
public record QuotaProperties(
        @DefaultValue("100") @Positive double perSecond,
        @DefaultValue("5000") @Positive long perDay,
        @Valid List<ClientQuota> clients,
        @DefaultValue @Valid @NotNull Limits sso,
        @DefaultValue("5s") @NotNull Duration flushInterval) {

    public QuotaProperties {
        clients = clients == null ? List.of() : List.copyOf(clients);
    }

    /**
     * A client's own limits; a limit left out is the default one.
     *
     * @param client    the API client's name, as in {@code privacy.security.api-keys[n].client}
     * @param perSecond its submissions per second
     * @param perDay    its submissions per UTC day
     */
    public record ClientQuota(@NotBlank String client, @Positive Double perSecond, @Positive Long perDay) {
    }

    /**
     * @param perSecond submissions per second
     * @param perDay    submissions per UTC day
     */
    public record Limits(@DefaultValue("2") @Positive double perSecond, @DefaultValue("500") @Positive long perDay) {
    }

    Limits forClient(String client) {
        return clients.stream().filter(quota -> quota.client().equals(client)).findFirst()
                .map(quota -> new Limits(quota.perSecond() != null ? quota.perSecond() : perSecond,
                        quota.perDay() != null ? quota.perDay() : perDay))
                .orElse(new Limits(perSecond, perDay));
    }
}
