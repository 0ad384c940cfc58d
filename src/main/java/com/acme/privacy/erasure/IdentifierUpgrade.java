package com.acme.privacy.erasure;

import java.sql.Types;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import com.acme.privacy.pii.IdentifierUnreadable;
import com.acme.privacy.pii.ProtectedIdentifiers;
import com.acme.privacy.pii.Sealed;
import com.acme.privacy.pii.SealedIdentifier;

/**
 * Brings requests written before identifiers were sealed to their request, or hashed under a hash key that has since
 * rotated out, up to date, a batch at a time: re-sealed to the request under the active key, re-hashed under the
 * active hash key, masked. Replicas share the work ({@code SKIP LOCKED}); a row whose key this replica lacks is left
 * for one that has it.
 * <p>
 * A value in the legacy form opens in any row, so nothing reads one but this job, which seals it again only when it
 * matches its row's keyed hash: one copied in from another row or a backup belongs to no row and stays unreadable.
 * The job runs once through every such row at start, before anything else reads identifiers, then every minute.
 */
@Component
class IdentifierUpgrade implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(IdentifierUpgrade.class);
    private static final int BATCH = 200;

    private record Outdated(UUID id, Sealed email, byte[] emailHash, Sealed phone, byte[] phoneHash) {
    }

    private final JdbcClient jdbc;
    private final ProtectedIdentifiers identifiers;
    private final TransactionTemplate transactions;

    IdentifierUpgrade(JdbcClient jdbc, ProtectedIdentifiers identifiers, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.identifiers = identifiers;
        this.transactions = transactions;
    }

    @Override
    public void afterSingletonsInstantiated() {
        while (upgradeABatch() > 0) {
            // Until a batch finds nothing it can upgrade.
        }
    }

    /** @return how many requests it upgraded */
    @Scheduled(fixedDelayString = "PT1M", initialDelayString = "PT1M")
    int upgradeABatch() {
        try {
            Integer upgraded = transactions.execute(status -> upgrade(outdatedBatch()));
            if (upgraded != null && upgraded > 0) {
                log.info("Re-sealed and re-hashed the identifiers of {} requests", upgraded);
            }
            return upgraded == null ? 0 : upgraded;
        } catch (DataAccessException e) {
            log.debug("Identifier upgrade skipped: {}", e.getClass().getSimpleName());
            return 0;
        }
    }

    /** Not yet sealed to their row, or (only while hash keys rotate, which is rare) hashed under a retired key. */
    private List<Outdated> outdatedBatch() {
        String rehash = identifiers.hasPreviousHashKeys() ? " OR hash_key_id <> :activeHashKeyId" : "";
        return jdbc.sql("""
                SELECT id, email_key_id, email_ciphertext, email_hash, phone_key_id, phone_ciphertext, phone_hash
                FROM erasure_request WHERE email_ciphertext IS NOT NULL AND (NOT sealed_to_request%s)
                ORDER BY created_at LIMIT :batch FOR UPDATE SKIP LOCKED""".formatted(rehash))
                .param("activeHashKeyId", identifiers.activeHashKeyId())
                .param("batch", BATCH)
                .query((rs, row) -> {
                    UUID id = rs.getObject("id", UUID.class);
                    return new Outdated(id, new Sealed(rs.getString("email_key_id"), rs.getBytes("email_ciphertext"), id),
                            rs.getBytes("email_hash"), rs.getBytes("phone_ciphertext") == null ? null
                                    : new Sealed(rs.getString("phone_key_id"), rs.getBytes("phone_ciphertext"), id),
                            rs.getBytes("phone_hash"));
                })
                .list();
    }

    private int upgrade(List<Outdated> batch) {
        int upgraded = 0;
        for (Outdated row : batch) {
            try {
                SealedIdentifier email = identifiers.isLegacy(row.email())
                        ? identifiers.resealEmail(row.email(), row.id(), row.emailHash())
                        : identifiers.protect(identifiers.revealEmail(row.email()), row.id());
                SealedIdentifier phone = row.phone() == null ? null : identifiers.isLegacy(row.phone())
                        ? identifiers.resealPhone(row.phone(), row.id(), row.phoneHash())
                        : identifiers.protect(identifiers.revealPhone(row.phone()), row.id());
                jdbc.sql("""
                        UPDATE erasure_request SET email_ciphertext = :emailCiphertext, email_key_id = :emailKeyId,
                            email_hash = :emailHash, email_masked = :emailMasked, phone_ciphertext = :phoneCiphertext,
                            phone_key_id = :phoneKeyId, phone_hash = :phoneHash, phone_masked = :phoneMasked,
                            hash_key_id = :hashKeyId, sealed_to_request = true
                        WHERE id = :id""")
                        .param("emailCiphertext", email.sealed().ciphertext())
                        .param("emailKeyId", email.sealed().keyId())
                        .param("emailHash", email.lookupHash())
                        .param("emailMasked", email.masked())
                        .param("phoneCiphertext", phone == null ? null : phone.sealed().ciphertext(), Types.BINARY)
                        .param("phoneKeyId", phone == null ? null : phone.sealed().keyId(), Types.VARCHAR)
                        .param("phoneHash", phone == null ? null : phone.lookupHash(), Types.BINARY)
                        .param("phoneMasked", phone == null ? null : phone.masked(), Types.VARCHAR)
                        .param("hashKeyId", email.hashKeyId())
                        .param("id", row.id())
                        .update();
                upgraded++;
            } catch (IdentifierUnreadable unreadable) {
                log.warn("Request {} cannot be re-sealed here: {}", row.id(), unreadable.getMessage());
            }
        }
        return upgraded;
    }
}
