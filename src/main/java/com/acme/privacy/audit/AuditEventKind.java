package com.acme.privacy.audit;

public enum AuditEventKind {
    /** The request was accepted from a portal. */
    RECEIVED,
    /** The request moved from one status to another. */
    STATUS_CHANGED,
    /** A portal submitted the same subject again while this request was still open. */
    REPEAT_SUBMISSION,
    /** One call to Gong and its result. */
    GONG_CALL
}
