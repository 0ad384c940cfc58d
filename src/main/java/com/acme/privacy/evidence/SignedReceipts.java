package com.acme.privacy.evidence;

import java.util.UUID;

import org.springframework.stereotype.Component;

import com.acme.privacy.security.Caller;

import tools.jackson.databind.json.JsonMapper;

/**
 * A request's signed receipt as the API serves it, as JSON bytes, for features other than the API (the console's
 * download). It issues through {@link ErasureReceipts}, so there is one way to sign.
 */
@Component
public class SignedReceipts {

    private final ErasureReceipts receipts;
    private final JsonMapper json;

    SignedReceipts(ErasureReceipts receipts, JsonMapper json) {
        this.receipts = receipts;
        this.json = json;
    }

    /** The body of {@code GET /api/v1/erasure-requests/{id}/receipt} for {@code caller}; refused as the API refuses. */
    public byte[] json(UUID id, Caller caller) {
        return json.writeValueAsBytes(ReceiptController.ReceiptView.of(receipts.issue(id, caller)));
    }
}
