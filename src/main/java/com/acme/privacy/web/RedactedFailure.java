package com.acme.privacy.web;

import org.springframework.modulith.NamedInterface;

/**
 * A failure as it may be logged: exception types and stack frames, without their messages, which can quote a URL,
 * a request body or SQL, and with them an identifier.
 */
@NamedInterface("logging")
public final class RedactedFailure extends RuntimeException {

    private static final int MAX_CAUSES = 10;

    private final String type;

    private RedactedFailure(Throwable original, int depth) {
        super(original.getClass().getName(), original.getCause() == null || depth >= MAX_CAUSES ? null
                : new RedactedFailure(original.getCause(), depth + 1), false, true);
        this.type = original.getClass().getName();
        setStackTrace(original.getStackTrace());
    }

    public static RedactedFailure of(Throwable original) {
        return new RedactedFailure(original, 0);
    }

    @Override
    public String toString() {
        return type;
    }
}
