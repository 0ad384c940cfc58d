package com.acme.privacy.evidence;

import java.util.List;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Public keys are public: readable without credentials, so an auditor needs no account to verify evidence. */
@RestController
@RequestMapping("/api/v1/keys")
@Tag(name = "Evidence")
class PublicKeyController {

    private static final MediaType PEM = MediaType.parseMediaType("application/x-pem-file");

    private final PublicKeys publicKeys;
    private final EvidenceSigner signer;

    PublicKeyController(PublicKeys publicKeys, EvidenceSigner signer) {
        this.publicKeys = publicKeys;
        this.signer = signer;
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Every key that signed receipts or anchors here, retired ones included")
    KeysView keys() {
        return new KeysView(signer.activeKeyId(), publicKeys.all());
    }

    @GetMapping("/{keyId}.pem")
    @Operation(summary = "One public key as PEM, for openssl pkeyutl -verify -pubin -inkey")
    ResponseEntity<String> pem(@PathVariable String keyId) {
        PublicKeys.PublishedKey key = publicKeys.find(keyId).orElseThrow(() -> new SigningKeyNotFound(keyId));
        return ResponseEntity.ok().contentType(PEM).body(key.publicKeyPem());
    }

    record KeysView(String activeKeyId, List<PublicKeys.PublishedKey> keys) {
    }
}
