package com.acme.privacy.suppression;

import java.util.Optional;
import java.util.stream.Stream;

import org.springframework.stereotype.Component;

import com.acme.privacy.erasure.SubjectErasure;
import com.acme.privacy.erasure.SubjectErasures;
import com.acme.privacy.pii.EmailAddress;
import com.acme.privacy.pii.PhoneNumber;
import com.acme.privacy.pii.ProtectedIdentifiers;

/**
 * Whether a subject asked to be erased: the requests that still carry its keyed hashes, and the entries that kept them
 * after anonymisation, under every configured hash key. The requests are read first (arguments are evaluated left to
 * right): one anonymised between the two reads is then in one or the other, its entry committed with its anonymisation.
 */
@Component
class SuppressionList {

    private final SubjectErasures requests;
    private final SuppressionEntries entries;
    private final ProtectedIdentifiers identifiers;

    SuppressionList(SubjectErasures requests, SuppressionEntries entries, ProtectedIdentifiers identifiers) {
        this.requests = requests;
        this.entries = entries;
        this.identifiers = identifiers;
    }

    Optional<SubjectErasure> check(EmailAddress email) {
        return both(requests.find(email), entries.find(SuppressionEntries.EMAIL, identifiers.lookupHashes(email)));
    }

    Optional<SubjectErasure> check(PhoneNumber phone) {
        return both(requests.find(phone), entries.find(SuppressionEntries.PHONE, identifiers.lookupHashes(phone)));
    }

    private static Optional<SubjectErasure> both(Optional<SubjectErasure> live, Optional<SubjectErasure> kept) {
        return Stream.concat(live.stream(), kept.stream()).reduce(SubjectErasure::and);
    }
}
