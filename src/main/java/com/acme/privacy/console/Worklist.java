package com.acme.privacy.console;

import com.acme.privacy.erasure.ErasureStatus;

/**
 * The lists people work from. Each condition stays within the partial index over unanswered requests by
 * {@code due_at}. Lists for later statuses (needs attention, held) are added here.
 */
enum Worklist {

    OVERDUE("overdue", "Overdue", "Past their legal deadline and not yet answered.",
            "status IN (" + unanswered() + ") AND due_at < :now"),
    FAILED("failed", "Failed", "Gong refused them or retries ran out: each needs a person to look at it.",
            "status = 'FAILED'"),
    DUE_SOON("due-soon", "Due within 7 days", "Not yet answered and due in the next seven days.",
            "status IN (" + unanswered() + ") AND due_at >= :now AND due_at < CAST(:now AS timestamptz) + interval '7 days'");

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
