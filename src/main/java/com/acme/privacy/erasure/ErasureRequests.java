package com.acme.privacy.erasure;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

import jakarta.persistence.LockModeType;

interface ErasureRequests extends JpaRepository<ErasureRequest, UUID>, JpaSpecificationExecutor<ErasureRequest> {

    Optional<ErasureRequest> findBySourceAndIdempotencyKey(String source, String idempotencyKey);

    @Query("select r from ErasureRequest r where r.emailHash = :emailHash and r.source = :source and r.status in :statuses")
    Optional<ErasureRequest> findInStatus(byte[] emailHash, String source, Set<ErasureStatus> statuses);

    /** The portal's open request for the subject. Only on the slow path of a submission, after an insert met one. */
    default Optional<ErasureRequest> findOpen(byte[] emailHash, String source) {
        return findInStatus(emailHash, source, ErasureStatus.OPEN);
    }

    /** The portal's open request for the subject, whichever configured hash key it was stored under. */
    default Optional<ErasureRequest> findOpen(List<byte[]> emailHashes, String source) {
        return emailHashes.stream().map(hash -> findOpen(hash, source)).flatMap(Optional::stream).findFirst();
    }

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select r from ErasureRequest r where r.id = :id")
    Optional<ErasureRequest> findForUpdate(UUID id);

    List<ErasureRequest> findByEmailHashOrderByCreatedAtDesc(byte[] emailHash);

    List<ErasureRequest> findByPhoneHashOrderByCreatedAtDesc(byte[] phoneHash);
}
