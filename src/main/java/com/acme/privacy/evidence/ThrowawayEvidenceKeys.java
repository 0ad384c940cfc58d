package com.acme.privacy.evidence;

import org.springframework.stereotype.Component;

import com.acme.privacy.dispatch.DispatchProperties;
import com.acme.privacy.gong.GongProperties;

/**
 * A throwaway signing key signs receipts and anchors that no auditor can pin, and that no replica can ever sign again
 * under its id. Like throwaway identifier keys it is for local runs only, so it is refused the same way: unless this
 * replica dispatches to nothing but a sandbox on this machine, or does not dispatch at all.
 */
@Component
class ThrowawayEvidenceKeys {

    ThrowawayEvidenceKeys(EvidenceProperties evidence, DispatchProperties dispatch, GongProperties gong) {
        check(evidence, dispatch, gong);
    }

    static void check(EvidenceProperties evidence, DispatchProperties dispatch, GongProperties gong) {
        if (evidence.usesThrowawayKey() && dispatch.enabled() && !gong.pointsAtThisMachine()) {
            throw new IllegalStateException("privacy.evidence.ephemeral-keys is for local runs only: it is refused while "
                    + "dispatching to anything but a sandbox on this machine; configure privacy.evidence.signing-keys");
        }
    }
}
