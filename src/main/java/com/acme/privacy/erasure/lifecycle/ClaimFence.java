package com.acme.privacy.erasure.lifecycle;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.acme.privacy.erasure.ErasureStatus;

/**
 * The one update of a claimed request: only the claim's holder, under this very claim (its lease end is unique to
 * it), changes the row, so a dispatcher that lost its claim changes nothing.
 */
@Component
class ClaimFence {

    private static final String FENCE = " WHERE id = :id AND status = " + ErasureStatus.DISPATCHING.sql()
            + " AND leased_by = :replica AND lease_until = :leaseUntil";

    private final JdbcClient jdbc;

    ClaimFence(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Stores Gong's receipt for one identifier and/or settles the claim.
     *
     * @param receiptColumn the column for Gong's request id, or {@code null}
     * @param settlement    how the claim ends, or {@code null} while it goes on
     * @return the request as updated, or empty when the claim was lost
     */
    Optional<ChangedRow> update(ClaimedRequest request, String replica, String receiptColumn, String gongId, Settlement settlement) {
        String receipt = receiptColumn == null ? "" : receiptColumn + " = :gongId, ";
        JdbcClient.StatementSpec update = jdbc.sql("UPDATE erasure_request SET " + receipt
                        + (settlement == null ? "" : settlement.assignments()) + "updated_at = now(), version = version + 1" + FENCE
                        + ChangedRow.RETURNING)
                .param("id", request.id()).param("replica", replica)
                .param("leaseUntil", OffsetDateTime.ofInstant(request.leaseUntil(), ZoneOffset.UTC));
        if (receiptColumn != null) {
            update = update.param("gongId", gongId);
        }
        if (settlement != null) {
            update = update.param("counted", settlement.counted() ? 1 : 0)
                    .param("delaySeconds", settlement.delay().toMillis() / 1000.0)
                    .param("checked", settlement.checkAfter() != null)
                    .param("checkDelaySeconds", settlement.checkAfter() == null ? 0.0 : settlement.checkAfter().toMillis() / 1000.0);
        }
        return update.query(ChangedRow::read).optional();
    }
}
