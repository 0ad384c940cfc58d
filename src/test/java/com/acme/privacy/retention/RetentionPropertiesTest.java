package com.acme.privacy.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Period;

import org.junit.jupiter.api.Test;

import jakarta.validation.Validation;
import jakarta.validation.Validator;

class RetentionPropertiesTest {

    private final Validator validator = Validation.buildDefaultValidatorFactory().getValidator();

    @Test
    void anonymisationMustComeAfterThePurge() {
        assertThat(validator.validate(new RetentionProperties(true, Period.ofDays(30), Period.ofMonths(25)))).isEmpty();
        assertThat(validator.validate(new RetentionProperties(true, Period.ofMonths(3), Period.ofDays(60)))).isNotEmpty();
        assertThat(validator.validate(new RetentionProperties(true, Period.ZERO, Period.ofMonths(25)))).isNotEmpty();
    }
}
