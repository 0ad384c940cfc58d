package com.acme.privacy.dispatch;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.acme.privacy.erasure.lifecycle.DispatchQueue;

/**
 * Takes or confirms the lead at the start of a round. A replica that has just taken it continues from the pace the
 * previous leader left and puts every claim of the previous leader back at once; otherwise only expired claims go back.
 */
@Component
class DispatchTerm {

    private static final Logger log = LoggerFactory.getLogger(DispatchTerm.class);

    private final DispatchLeadership leadership;
    private final DispatchQueue queue;
    private final GongFeedback feedback;
    private final Standby standby;
    private final String replica;
    private long term;

    DispatchTerm(DispatchLeadership leadership, DispatchQueue queue, GongFeedback feedback, Standby standby,
                 DispatchProperties properties) {
        this.leadership = leadership;
        this.queue = queue;
        this.feedback = feedback;
        this.standby = standby;
        this.replica = properties.replicaId();
    }

    /** @return whether this replica leads and may dispatch this round */
    boolean lead() {
        if (standby.standingDown() != null || !leadership.lead()) {
            return false;
        }
        if (leadership.term() != term) {
            feedback.resumeLead();
            int released = queue.releaseAbandoned(true, replica);
            if (released > 0) {
                log.info("Took over {} claims of the previous dispatcher", released);
            }
            // Only now: should either step fail, the next round takes over again.
            term = leadership.term();
        } else {
            queue.releaseAbandoned(false, replica);
        }
        return true;
    }
}
