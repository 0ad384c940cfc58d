package com.acme.privacy.pii;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.util.regex.Pattern;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * Free text that is kept for years and shown to everyone who reads the request, such as the reason for an operator's
 * action in the undeletable audit trail, must not name the data subject: no email address, no phone number. The one
 * rule for the console's forms and the API's bodies.
 */
@Documented
@Constraint(validatedBy = NamesNoSubject.Validator.class)
@Target({FIELD, METHOD, PARAMETER})
@Retention(RUNTIME)
public @interface NamesNoSubject {

    String message() default "must not contain an email address or a phone number: it is kept for years; refer to a ticket instead";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<NamesNoSubject, String> {

        private static final Pattern EMAIL = Pattern.compile("[^\\s@]+@[^\\s@]+\\.[^\\s@]+");
        /** A plus and seven digits, or nine digits in a row: a phone number, where dates and ticket numbers are shorter. */
        private static final Pattern PHONE = Pattern.compile("\\+\\s?\\d(?:[\\s().-]?\\d){6,}|\\d(?:[\\s().-]?\\d){8,}");

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || !(EMAIL.matcher(value).find() || PHONE.matcher(value).find());
        }
    }
}
