package com.acme.privacy.evidence;

import java.util.UUID;

import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import com.acme.privacy.security.Caller;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "Evidence")
@SecurityRequirement(name = "apiKey")
@SecurityRequirement(name = "bearer")
class ReceiptController {

    private final ErasureReceipts receipts;

    ReceiptController(ErasureReceipts receipts) {
        this.receipts = receipts;
    }

    @GetMapping(path = "/api/v1/erasure-requests/{id}/receipt", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "A signed receipt for a request (README, 'Compliance')", responses = {
            @ApiResponse(responseCode = "200", description = "Signed now, over the request's current state"),
            @ApiResponse(responseCode = "409", description = "The request's audit trail does not verify; nothing is signed")})
    ReceiptView receipt(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
        return ReceiptView.of(receipts.issue(id, caller));
    }

    record ReceiptView(
            @Schema(description = "The payload decoded, for reading; verify the payload, not this") ErasureReceipt receipt,
            String keyId,
            @Schema(example = "Ed25519") String algorithm,
            @Schema(description = "Base64 of exactly the signed bytes: the receipt as UTF-8 JSON") String payload,
            @Schema(description = "Base64 of the Ed25519 signature over the payload's bytes") String signature) {

        static ReceiptView of(ErasureReceipts.SignedReceipt issued) {
            SignedDocument signed = issued.signed();
            return new ReceiptView(issued.receipt(), signed.keyId(), signed.algorithm(), signed.payloadBase64(),
                    signed.signatureBase64());
        }
    }
}
