package com.acme.privacy.erasure.lifecycle;

import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import com.acme.privacy.erasure.ErasureRequestChanged;
import com.acme.privacy.erasure.RequestChange;
import com.acme.privacy.erasure.StatusMove;

/** Publishes, in the transaction of the move, the changes a portal should hear of. */
@Component
class ChangeNotices {

    private final ApplicationEventPublisher events;

    ChangeNotices(ApplicationEventPublisher events) {
        this.events = events;
    }

    void moved(StatusMove move, ChangedRow row) {
        RequestChange change = RequestChange.of(move);
        if (change != null) {
            events.publishEvent(new ErasureRequestChanged(UUID.randomUUID(), row.id(), row.source(), row.externalReference(), change,
                    move.to(), row.at(), row.receivedAt(), row.dueAt(), row.originalDueAt()));
        }
    }
}
