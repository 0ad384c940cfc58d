package com.acme.privacy.erasure;

import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import com.acme.privacy.audit.AuditEntry;
import com.acme.privacy.audit.AuditEventKind;
import com.acme.privacy.audit.AuditTrail;

/**
 * Puts a caller's repeat of an open request on that request's record, once. The first repeat is evidence (who else
 * asked, under which regulation and deadline) and lets the caller follow the request; a portal retrying or looping
 * would otherwise grow the trail without bound. Later repeats are only counted ({@code privacy_requests_repeats_total}).
 */
@Component
class RepeatSubmissions {

    /**
     * Serialises one caller's repeats of one request, so that concurrent ones record a single event between them.
     * Advisory-lock namespace 3: 1 is the audit trail's (V1 migration), 2 the dispatcher's lead.
     */
    private static final String LOCK = "SELECT pg_advisory_xact_lock(3, hashtext(:requestId || ' ' || :actor))";

    private final JdbcClient jdbc;
    private final AuditTrail auditTrail;

    RepeatSubmissions(JdbcClient jdbc, AuditTrail auditTrail) {
        this.jdbc = jdbc;
        this.auditTrail = auditTrail;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void record(UUID requestId, String actor, Map<String, Object> details) {
        jdbc.sql(LOCK).param("requestId", requestId.toString()).param("actor", actor).query().listOfRows();
        if (!auditTrail.hasRecorded(requestId, AuditEventKind.REPEAT_SUBMISSION, actor)) {
            auditTrail.record(AuditEntry.of(requestId, actor, AuditEventKind.REPEAT_SUBMISSION,
                    "The subject already has an open request", details));
        }
    }
}
