package com.acme.privacy.console;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import com.acme.privacy.erasure.ErasureRequest;
import com.acme.privacy.erasure.ErasureStatus;
import com.acme.privacy.erasure.StatusMove;
import com.acme.privacy.erasure.StatusTransitions;

/**
 * What an ADMIN may do to a request from the console. Each is offered where its {@link StatusMove} starts and goes
 * through {@link StatusTransitions}, which audits it with the person as {@code user:<name>}.
 */
enum ConsoleAction {

    RETRY("retry", "Retry", "Send this request to Gong again, with its attempts reset.") {
        @Override
        boolean offeredFor(ErasureRequest request, Instant now) {
            return StatusMove.RETRY.startsFrom(request.getStatus());
        }

        @Override
        void perform(StatusTransitions transitions, Act act) {
            transitions.retry(act.id(), act.actor(), act.reason());
        }
    },
    CANCEL("cancel", "Cancel now", "Withdraw this request. Possible only while nothing has been sent to Gong.") {
        @Override
        boolean offeredFor(ErasureRequest request, Instant now) {
            return StatusMove.CANCEL.startsFrom(request.getStatus()) && request.getFirstDispatchedAt() == null;
        }

        @Override
        void perform(StatusTransitions transitions, Act act) {
            transitions.cancel(act.id(), act.actor(), act.reason());
        }
    },
    EXTEND("extend", "Extend deadline", "Move the legal deadline once, at most as far as the regulation allows. "
            + "Possible only before the deadline; the subject must be told, with the reason.") {
        @Override
        boolean offeredFor(ErasureRequest request, Instant now) {
            return ErasureStatus.UNANSWERED.contains(request.getStatus()) && request.getOriginalDueAt() == null
                    && now.isBefore(request.getDueAt());
        }

        @Override
        void perform(StatusTransitions transitions, Act act) {
            transitions.extend(act.id(), act.newDueAt(), act.actor(), act.reason());
        }
    },
    RELEASE("release", "Release hold", "Let this held request go to Gong: confirm that what had to happen first "
            + "(e.g. the CRM erasure) is done. Its not-before time, if any, still applies.") {
        @Override
        boolean offeredFor(ErasureRequest request, Instant now) {
            return StatusMove.RELEASE.startsFrom(request.getStatus());
        }

        @Override
        void perform(StatusTransitions transitions, Act act) {
            transitions.release(act.id(), null, act.actor(), act.reason());
        }
    };

    /** Every step of every action is for ADMINs only. */
    static final String PATHS = "/console/requests/*/actions/**";

    /** One confirmed action: by whom, why, and for an extension the new deadline ({@code null}: the longest allowed). */
    record Act(UUID id, String actor, String reason, Instant newDueAt) {
    }

    private final String slug;
    private final String label;
    private final String description;

    ConsoleAction(String slug, String label, String description) {
        this.slug = slug;
        this.label = label;
        this.description = description;
    }

    /** Whether the request's state allows it now; {@link StatusTransitions} decides again under a lock. */
    abstract boolean offeredFor(ErasureRequest request, Instant now);

    abstract void perform(StatusTransitions transitions, Act act);

    static List<ConsoleAction> allOfferedFor(ErasureRequest request, Instant now) {
        return Arrays.stream(values()).filter(action -> action.offeredFor(request, now)).toList();
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

    /** Whether the form asks for a new deadline too. */
    public boolean extendsDeadline() {
        return this == EXTEND;
    }
}
