package com.acme.privacy.erasure;

import org.springframework.modulith.NamedInterface;

/**
 * What the data subject was told about a request. The first final response recorded (anything but an extension notice)
 * is the request's answer: the "response" CCPA Regs §7101 asks a business to record, and what §7102's figures count.
 */
@NamedInterface("responses")
public enum SubjectResponseKind {
    /** The erasure is done: Gong accepted it (and, with completion checks on, found nothing left). */
    CONFIRMED_ERASURE,
    /** The deadline was extended, and why; it completes the extension only when given within the original deadline. */
    EXTENSION_NOTICE,
    /** The request was refused, on a basis. */
    DENIAL,
    /** The erasure was done in part and refused for the rest, on a basis. */
    PARTIAL;

    /** Whether it answers the request, rather than announcing more time. */
    public boolean isFinal() {
        return this != EXTENSION_NOTICE;
    }

    /** Whether it refuses something, and so must say on what basis. */
    public boolean needsBasis() {
        return this == DENIAL || this == PARTIAL;
    }
}
