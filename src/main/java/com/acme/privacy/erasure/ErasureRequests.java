package com.acme.privacy.erasure;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

import jakarta.persistence.LockModeType;

interface ErasureRequests extends JpaRepository<ErasureRequest, UUID>, JpaSpecificationExecutor<ErasureRequest> {

    Optional<ErasureRequest> findBySourceAndIdempotencyKey(String source, String idempotencyKey);

    @Query("select r from ErasureRequest r where r.emailHash = :emailHash and r.status in :statuses")
    Optional<ErasureRequest> findBySubjectAndStatusIn(byte[] emailHash, Collection<ErasureStatus> statuses);

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select r from ErasureRequest r where r.id = :id")
    Optional<ErasureRequest> findForUpdate(UUID id);

    List<ErasureRequest> findByEmailHashOrderByCreatedAtDesc(byte[] emailHash);

    List<ErasureRequest> findByPhoneHashOrderByCreatedAtDesc(byte[] phoneHash);
}
