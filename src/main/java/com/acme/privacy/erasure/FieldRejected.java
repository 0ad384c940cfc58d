package com.acme.privacy.erasure;

/**
 * A field or query parameter failed a rule that needs more than its own value (the clock, another parameter, the
 * stored request). It names the field and the rule, never the rejected value.
 */
public class FieldRejected extends RuntimeException {

    private final String field;
    private final String rule;

    public FieldRejected(String field, String rule) {
        super(field + " " + rule);
        this.field = field;
        this.rule = rule;
    }

    public String field() {
        return field;
    }

    /** What the value must be, e.g. "must not be in the future". */
    public String rule() {
        return rule;
    }
}
