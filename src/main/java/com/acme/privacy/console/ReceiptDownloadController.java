package com.acme.privacy.console;

import java.util.UUID;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

import com.acme.privacy.evidence.SignedReceipts;

/**
 * The request's signed receipt as a file, the same JSON the API serves, for an auditor to verify offline against the
 * published key. A console session cannot call the API, so the console serves it itself; the signing is evidence's.
 */
@Controller
class ReceiptDownloadController {

    private final SignedReceipts receipts;

    ReceiptDownloadController(SignedReceipts receipts) {
        this.receipts = receipts;
    }

    @GetMapping("/console/requests/{id}/receipt")
    ResponseEntity<byte[]> receipt(@PathVariable UUID id, Authentication authentication) {
        byte[] receipt = receipts.json(id, SignedIn.caller(authentication));
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename("receipt-" + id + ".json").build().toString())
                .body(receipt);
    }
}
