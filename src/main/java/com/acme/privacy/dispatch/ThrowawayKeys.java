package com.acme.privacy.dispatch;

import org.springframework.stereotype.Component;

import com.acme.privacy.evidence.EvidenceProperties;
import com.acme.privacy.gong.GongProperties;
import com.acme.privacy.pii.PiiProperties;

/**
 * Throwaway keys are for local runs only: identifier keys that a restart loses would leave the requests unreadable,
 * and a signing key no auditor can pin signs worthless evidence. Both are refused unless this replica dispatches to
 * nothing but a sandbox on this machine, or not at all: whether requests reach more than a local sandbox is the
 * dispatcher's knowledge.
 */
@Component
class ThrowawayKeys {

    ThrowawayKeys(PiiProperties pii, EvidenceProperties evidence, DispatchProperties dispatch, GongProperties gong) {
        check(pii, evidence, dispatch, gong);
    }

    static void check(PiiProperties pii, EvidenceProperties evidence, DispatchProperties dispatch, GongProperties gong) {
        if (!dispatch.enabled() || gong.pointsAtThisMachine()) {
            return;
        }
        if (pii.usesThrowawayKeys()) {
            throw new IllegalStateException("privacy.pii.ephemeral-keys is for local runs only: it is refused while dispatching "
                    + "to anything but a sandbox on this machine; configure privacy.pii.* keys");
        }
        if (evidence.usesThrowawayKey()) {
            throw new IllegalStateException("privacy.evidence.ephemeral-keys is for local runs only: it is refused while "
                    + "dispatching to anything but a sandbox on this machine; configure privacy.evidence.signing-keys");
        }
    }
}
