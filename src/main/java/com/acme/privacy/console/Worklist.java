package com.acme.privacy.console;

import com.acme.privacy.erasure.ErasureStatus;

/**
 * The lists people work from. Each condition is read in {@code due_at} order from a partial index: the one over
 * unanswered requests (held ones included), for needs attention its own (V24), for extensions without notice their own
 * (V32).
 */
enum Worklist {

    OVERDUE("overdue", "Overdue", "Past their legal deadline and not yet answered.",
            "status IN (" + unanswered() + ") AND due_at < :now"),
    FAILED("failed", "Failed", "Gong refused them or retries ran out: each needs a person to look at it.",
            "status = 'FAILED'"),
    NEEDS_ATTENTION("needs-attention", "Needs attention", "Gong still held data after the erasure was sent twice: "
            + "each needs a person to find out why (e.g. a CRM that re-imports it), then a retry.",
            "status = 'NEEDS_ATTENTION'"),
    HELD("held", "Held", "Waiting, on the portal's request, for someone to confirm that they may go to Gong; "
            + "their deadline runs meanwhile.",
            "status = 'HELD'"),
    DUE_SOON("due-soon", "Due within 7 days", "Not yet answered and due in the next seven days.",
            "status IN (" + unanswered() + ") AND due_at >= :now AND due_at < CAST(:now AS timestamptz) + interval '7 days'"),
    REIMPORTED("re-imported", "Re-imported", "A completion check found the subject's data at Gong after the erasure: "
            + "find the source that feeds it back (a CRM, a mailbox) and stop it there.",
            "checks_with_data > 0"),
    // Neither a notice on time nor an answer: only then does the extension still need a person.
    EXTENSION_WITHOUT_NOTICE("extension-without-notice", "Extension without notice", "Deadlines extended, but no notice to "
            + "the subject was recorded within the original deadline, so the extension is not complete, and the subject "
            + "has not been answered. Record the notice before the original deadline, or answer the subject.",
            "original_due_at IS NOT NULL AND extension_notice_at IS NULL AND answered_at IS NULL AND status <> "
                    + ErasureStatus.CANCELLED.sql());

    private final String slug;
    private final String title;
    private final String description;
    private final String condition;

    Worklist(String slug, String title, String description, String condition) {
        this.slug = slug;
        this.title = title;
        this.description = description;
        this.condition = condition;
    }

    private static String unanswered() {
        return ErasureStatus.sqlList(ErasureStatus.UNANSWERED);
    }

    static Worklist bySlug(String slug) {
        for (Worklist list : values()) {
            if (list.slug.equals(slug)) {
                return list;
            }
        }
        return null;
    }

    public String slug() {
        return slug;
    }

    public String title() {
        return title;
    }

    public String description() {
        return description;
    }

    String condition() {
        return condition;
    }
}
