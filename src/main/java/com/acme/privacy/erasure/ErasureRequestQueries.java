package com.acme.privacy.erasure;

import java.time.Clock;
import java.util.UUID;

import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Sort;
import org.springframework.data.domain.Window;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.acme.privacy.pii.EmailAddress;
import com.acme.privacy.pii.PhoneNumber;
import com.acme.privacy.pii.ProtectedIdentifiers;

/**
 * Reads requests. Lists and searches are windows over a stable order (the sort, then the id) read by keyset from the
 * last row of the previous window: no total is counted and no rows are skipped, so a window costs the same at the
 * millionth row as at the first.
 */
@Service
@Transactional(readOnly = true)
public class ErasureRequestQueries {

    private static final Sort NEWEST_FIRST = Sort.by(Sort.Direction.DESC, "createdAt");

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

    /**
     * Every request for the subject, newest first, found under every configured hash key.
     *
     * @param onlySource limits the search to one source's requests, or {@code null} for all
     */
    public Window<ErasureRequest> search(EmailAddress email, String onlySource, int size, ScrollPosition position) {
        return window(ErasureRequestSpecifications.hashedAs("emailHash", identifiers.lookupHashes(email), onlySource), NEWEST_FIRST,
                size, position);
    }

    public Window<ErasureRequest> search(PhoneNumber phone, String onlySource, int size, ScrollPosition position) {
        return window(ErasureRequestSpecifications.hashedAs("phoneHash", identifiers.lookupHashes(phone), onlySource), NEWEST_FIRST,
                size, position);
    }

    public Window<ErasureRequest> list(ErasureRequestFilter filter, Sort sort, int size, ScrollPosition position) {
        return window(ErasureRequestSpecifications.matching(filter, clock.instant()), sort, size, position);
    }

    private Window<ErasureRequest> window(Specification<ErasureRequest> matching, Sort sort, int size, ScrollPosition position) {
        // The id last, so that rows with equal sort values keep one order from window to window.
        Sort stable = sort.and(Sort.by(sort.stream().findFirst().map(Sort.Order::getDirection).orElse(Sort.Direction.DESC), "id"));
        return requests.findBy(matching.and(ErasureRequestSpecifications.from(position, stable)),
                query -> query.sortBy(stable).limit(size).scroll(position));
    }
}
