package com.acme.privacy.suppression;

import java.sql.Types;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.acme.privacy.erasure.ErasureStatus;
import com.acme.privacy.erasure.RequestAnonymised;
import com.acme.privacy.erasure.SubjectErasure;

/**
 * The list's own entries, {@code suppression_entry}: one per keyed hash, written when retention anonymises a request
 * whose subject did not withdraw. A subject who asked again after an earlier anonymisation widens its entry.
 */
@Component
class SuppressionEntries {

    static final String EMAIL = "EMAIL";
    static final String PHONE = "PHONE";

    private static final String UPSERT = """
            INSERT INTO suppression_entry AS e (kind, keyed_hash, hash_key_id, first_requested_on, last_requested_on, erased_on)
            VALUES (:kind, :hash, :hashKeyId, :first, :last, :erased)
            ON CONFLICT (kind, keyed_hash) DO UPDATE
            SET first_requested_on = least(e.first_requested_on, excluded.first_requested_on),
                last_requested_on = greatest(e.last_requested_on, excluded.last_requested_on),
                erased_on = greatest(e.erased_on, excluded.erased_on)
            """;
    private static final String FIND = """
            SELECT min(first_requested_on) AS first, max(last_requested_on) AS last, max(erased_on) AS erased
            FROM suppression_entry WHERE kind = :kind AND keyed_hash IN (:hashes)
            HAVING count(*) > 0
            """;

    private final JdbcClient jdbc;

    SuppressionEntries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Synchronous, in the anonymisation's transaction: the hashes are gone once it commits. */
    @EventListener
    void keep(RequestAnonymised anonymised) {
        if (!ErasureStatus.NOT_WITHDRAWN.contains(anonymised.status())) {
            return;
        }
        upsert(EMAIL, anonymised.emailHash(), anonymised);
        if (anonymised.phoneHash() != null) {
            upsert(PHONE, anonymised.phoneHash(), anonymised);
        }
    }

    /** @param hashes the identifier's keyed hashes under every configured hash key */
    Optional<SubjectErasure> find(String kind, List<byte[]> hashes) {
        return jdbc.sql(FIND).param("kind", kind).param("hashes", hashes)
                .query((rs, row) -> new SubjectErasure(rs.getObject("first", LocalDate.class),
                        rs.getObject("last", LocalDate.class), rs.getObject("erased", LocalDate.class)))
                .optional();
    }

    private void upsert(String kind, byte[] hash, RequestAnonymised anonymised) {
        SubjectErasure erasure = anonymised.erasure();
        jdbc.sql(UPSERT).param("kind", kind).param("hash", hash).param("hashKeyId", anonymised.hashKeyId())
                .param("first", erasure.firstRequestedOn()).param("last", erasure.lastRequestedOn())
                .param("erased", erasure.erasedOn(), Types.DATE)
                .update();
    }
}
