package com.acme.privacy.console;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import com.acme.privacy.erasure.ErasureRequest;
import com.acme.privacy.erasure.ErasureStatus;
import com.acme.privacy.erasure.StatusTransitions;

/**
 * What an ADMIN may do to a request from the console. Each goes through {@link StatusTransitions}, which audits it
 * with the person as {@code user:<name>}. Extending a deadline and releasing a hold are added here once the service
 * can do them.
 */
enum ConsoleAction {

    RETRY("retry", "Retry", "Send this request to Gong again, with its attempts reset.") {
        @Override
        boolean offeredFor(ErasureRequest request) {
            return request.getStatus() == ErasureStatus.FAILED;
        }

        @Override
        void perform(StatusTransitions transitions, UUID id, String actor, String reason) {
            transitions.retry(id, actor, reason);
        }
    },
    CANCEL("cancel", "Cancel now", "Withdraw this request. Possible only while nothing has been sent to Gong.") {
        @Override
        boolean offeredFor(ErasureRequest request) {
            return request.getStatus() == ErasureStatus.PENDING && request.getFirstDispatchedAt() == null;
        }

        @Override
        void perform(StatusTransitions transitions, UUID id, String actor, String reason) {
            transitions.cancel(id, actor, reason);
        }
    };

    /** Every step of every action is for ADMINs only. */
    static final String PATHS = "/console/requests/*/actions/**";

    private final String slug;
    private final String label;
    private final String description;

    ConsoleAction(String slug, String label, String description) {
        this.slug = slug;
        this.label = label;
        this.description = description;
    }

    /** Whether the request's state allows it now; {@link StatusTransitions} decides again under a lock. */
    abstract boolean offeredFor(ErasureRequest request);

    abstract void perform(StatusTransitions transitions, UUID id, String actor, String reason);

    static List<ConsoleAction> allOfferedFor(ErasureRequest request) {
        return Arrays.stream(values()).filter(action -> action.offeredFor(request)).toList();
    }

    static ConsoleAction bySlug(String slug) {
        return Arrays.stream(values()).filter(action -> action.slug.equals(slug)).findFirst().orElseThrow(UnknownPage::new);
    }

    public String slug() {
        return slug;
    }

    public String label() {
        return label;
    }

    public String description() {
        return description;
    }
}
