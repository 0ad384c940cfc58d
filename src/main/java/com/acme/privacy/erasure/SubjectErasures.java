package com.acme.privacy.erasure;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.NamedInterface;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import com.acme.privacy.pii.EmailAddress;
import com.acme.privacy.pii.PhoneNumber;
import com.acme.privacy.pii.ProtectedIdentifiers;

/**
 * Whether a subject asked to be erased, from the requests that still carry its keyed hashes (not yet anonymised), under
 * every configured hash key. Requests that were withdrawn do not count ({@link ErasureStatus#NOT_WITHDRAWN}); nor does
 * which portal asked.
 */
@Component
@NamedInterface("subjects")
@Transactional(readOnly = true)
public class SubjectErasures {

    /** Answered: a check confirmed the erasure, or Gong accepted it and no check is due (checks off). */
    private static final String ERASED_AT = "CASE WHEN status = " + ErasureStatus.COMPLETED.sql() + " THEN completed_at"
            + " WHEN status = " + ErasureStatus.SUBMITTED.sql() + " AND check_due_at IS NULL THEN submitted_at END";
    private static final String FIND = """
            SELECT min(received_at) AS first_requested, max(received_at) AS last_requested, max(%s) AS erased
            FROM erasure_request WHERE %%s IN (:hashes) AND status IN (%s)
            HAVING count(*) > 0
            """.formatted(ERASED_AT, ErasureStatus.sqlList(ErasureStatus.NOT_WITHDRAWN));

    private final JdbcClient jdbc;
    private final ProtectedIdentifiers identifiers;

    SubjectErasures(JdbcClient jdbc, ProtectedIdentifiers identifiers) {
        this.jdbc = jdbc;
        this.identifiers = identifiers;
    }

    public Optional<SubjectErasure> find(EmailAddress email) {
        return find("email_hash", identifiers.lookupHashes(email));
    }

    public Optional<SubjectErasure> find(PhoneNumber phone) {
        return find("phone_hash", identifiers.lookupHashes(phone));
    }

    private Optional<SubjectErasure> find(String column, List<byte[]> hashes) {
        return jdbc.sql(FIND.formatted(column)).param("hashes", hashes)
                .query((rs, row) -> SubjectErasure.of(rs.getTimestamp("first_requested").toInstant(),
                        rs.getTimestamp("last_requested").toInstant(), instant(rs.getTimestamp("erased"))))
                .optional();
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
