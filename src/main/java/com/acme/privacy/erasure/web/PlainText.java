package com.acme.privacy.erasure.web;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * Text as a person types it: no control, format (e.g. bidi overrides) or line/paragraph separator characters, and
 * well-formed Unicode. A lone surrogate or a noncharacter does not survive UTF-8 storage unchanged, so an identifier
 * holding one would be stored, hashed and sent to Gong as something else.
 */
@Documented
@Constraint(validatedBy = PlainText.Validator.class)
@Target({FIELD, METHOD, PARAMETER})
@Retention(RUNTIME)
@interface PlainText {

    String message() default "must not contain control characters or invalid Unicode";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<PlainText, String> {

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || value.codePoints().allMatch(Validator::isPlain);
        }

        private static boolean isPlain(int codePoint) {
            return switch (Character.getType(codePoint)) {
                case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                     Character.SURROGATE -> false;
                default -> !isNoncharacter(codePoint);
            };
        }

        /** U+FDD0..U+FDEF and the last two code points of every plane. */
        private static boolean isNoncharacter(int codePoint) {
            return (codePoint >= 0xFDD0 && codePoint <= 0xFDEF) || (codePoint & 0xFFFE) == 0xFFFE;
        }
    }
}
