package com.acme.privacy.erasure.web;

import java.util.UUID;

import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import com.acme.privacy.erasure.ErasureRequest;
import com.acme.privacy.erasure.ErasureRequestNotFound;
import com.acme.privacy.erasure.ErasureRequestQueries;
import com.acme.privacy.erasure.RequestAccess;
import com.acme.privacy.erasure.VerifiedTrails;
import com.acme.privacy.security.Caller;

/**
 * Reads a request, its trail and the trail's check in one snapshot (REPEATABLE READ). Read one after the other, a
 * dispatcher committing a status change and its event in between would make the trail look cut off or ahead of the
 * request, and {@code intact} flip to false.
 */
@Component
class ErasureRequestDetailsReader {

    private final ErasureRequestQueries queries;
    private final ErasureRequestViews views;
    private final RequestAccess access;
    private final VerifiedTrails verifiedTrails;
    private final TransactionTemplate snapshot;

    ErasureRequestDetailsReader(ErasureRequestQueries queries, ErasureRequestViews views, RequestAccess access,
                                VerifiedTrails verifiedTrails, PlatformTransactionManager transactionManager) {
        this.queries = queries;
        this.views = views;
        this.access = access;
        this.verifiedTrails = verifiedTrails;
        this.snapshot = new TransactionTemplate(transactionManager);
        this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.snapshot.setReadOnly(true);
    }

    ErasureRequestDetails read(UUID id, Caller caller) {
        // Before the snapshot starts: see VerifiedTrails#known.
        VerifiedTrails.Head known = verifiedTrails.known(id);
        return snapshot.execute(status -> {
            ErasureRequest request = queries.get(id);
            if (!access.canRead(caller, request)) {
                // Another portal's request looks exactly like one that does not exist.
                throw new ErasureRequestNotFound(id);
            }
            return views.details(request, caller, known);
        });
    }
}
