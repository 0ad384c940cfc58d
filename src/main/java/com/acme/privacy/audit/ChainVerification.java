package com.acme.privacy.audit;

/**
 * The result of recomputing a request's hash chain.
 *
 * @param firstBrokenSeq the first event whose hash or link does not match, or {@code null} when intact
 */
public record ChainVerification(boolean intact, int events, Integer firstBrokenSeq) {
}
