package com.acme.privacy.audit;

public enum AuditEventKind {
    /** The request was accepted from a portal. */
    RECEIVED,
    /** The request moved from one status to another. */
    STATUS_CHANGED,
    /** A portal submitted the same subject again while this request was still open. */
    REPEAT_SUBMISSION,
    /** One call to Gong and its result. */
    GONG_CALL,
    /** A check at Gong (data-for-*) of what is left of the subject, with counts per kind and no content. */
    COMPLETION_CHECK,
    /** The deadline was extended, once, with a reason. */
    DEADLINE_EXTENDED,
    /** Retention destroyed the request's identifier ciphertexts; the masked forms and keyed hashes stay. */
    IDENTIFIERS_PURGED,
    /** Retention removed the request's keyed hashes, masked identifiers and references; this trail stays whole. */
    RECORD_ANONYMISED,
    /** The data subject was told something (an answer, or an extension notice): when, how, and the basis of a refusal. */
    SUBJECT_RESPONSE
}
