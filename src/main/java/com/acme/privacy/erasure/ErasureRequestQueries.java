package com.acme.privacy.erasure;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.acme.privacy.pii.EmailAddress;
import com.acme.privacy.pii.PhoneNumber;
import com.acme.privacy.pii.ProtectedIdentifiers;

@Service
@Transactional(readOnly = true)
public class ErasureRequestQueries {

    private final ErasureRequests requests;
    private final ProtectedIdentifiers identifiers;
    private final Clock clock;

    ErasureRequestQueries(ErasureRequests requests, ProtectedIdentifiers identifiers, Clock clock) {
        this.requests = requests;
        this.identifiers = identifiers;
        this.clock = clock;
    }

    public ErasureRequest get(UUID id) {
        return requests.findById(id).orElseThrow(() -> new ErasureRequestNotFound(id));
    }

    public List<ErasureRequest> forSubject(EmailAddress email) {
        return requests.findByEmailHashOrderByCreatedAtDesc(identifiers.lookupHash(email));
    }

    public List<ErasureRequest> forSubject(PhoneNumber phone) {
        return requests.findByPhoneHashOrderByCreatedAtDesc(identifiers.lookupHash(phone));
    }

    Page<ErasureRequest> list(ErasureRequestFilter filter, Pageable pageable) {
        return requests.findAll(ErasureRequestSpecifications.matching(filter, clock.instant()), pageable);
    }
}
