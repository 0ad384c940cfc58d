package com.acme.privacy.evidence;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.acme.privacy.export.ExportSlots;
import com.acme.privacy.security.Caller;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;
import tools.jackson.databind.json.JsonMapper;

@RestController
@RequestMapping("/api/v1/audit/anchors")
@Tag(name = "Evidence")
@SecurityRequirement(name = "apiKey")
@SecurityRequirement(name = "bearer")
class AnchorController {

    private final AuditAnchors anchors;
    private final ExportSlots slots;
    private final JsonMapper json;

    AnchorController(AuditAnchors anchors, ExportSlots slots, JsonMapper json) {
        this.anchors = anchors;
        this.slots = slots;
        this.json = json;
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Signed anchors over every request's chain head, newest first")
    List<AnchorView> list(@RequestParam(required = false) @Positive Long before,
                          @RequestParam(defaultValue = "30") @Min(1) @Max(500) int limit) {
        return anchors.page(before, limit).stream().map(this::view).toList();
    }

    @GetMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "One anchor")
    AnchorView get(@PathVariable long id) {
        return view(anchors.find(id).orElseThrow(() -> new AnchorNotFound(id)));
    }

    @GetMapping("/{id}/heads")
    @Operation(summary = "The anchor's heads list, listed again now: its SHA-256 must still be the signed headsSha256")
    void heads(@AuthenticationPrincipal Caller caller, @PathVariable long id, HttpServletResponse response) throws IOException {
        AuditAnchors.Anchor anchor = anchors.find(id).orElseThrow(() -> new AnchorNotFound(id));
        // Streamed from one long transaction, like an export: it takes one of the export slots.
        try (ExportSlots.Slot slot = slots.take(caller.actor())) {
            response.setContentType(MediaType.TEXT_PLAIN_VALUE + ";charset=US-ASCII");
            response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"anchor-" + id + "-heads.txt\"");
            try (OutputStream out = new BufferedOutputStream(response.getOutputStream(), 64 * 1024)) {
                anchors.writeHeads(anchor, out);
            }
        }
    }

    private AnchorView view(AuditAnchors.Anchor anchor) {
        SignedDocument signed = anchor.signed();
        return new AnchorView(json.readValue(anchor.payload(), AnchorStatement.class),
                "/api/v1/audit/anchors/" + anchor.id() + "/heads",
                signed.keyId(), signed.algorithm(), signed.payloadBase64(), signed.signatureBase64());
    }

    record AnchorView(
            @Schema(description = "The payload decoded, for reading; verify the payload, not this") AnchorStatement anchor,
            @Schema(description = "Where the heads list that headsSha256 digests can be fetched") String heads,
            String keyId,
            @Schema(example = "Ed25519") String algorithm,
            @Schema(description = "Base64 of exactly the signed bytes: the statement as UTF-8 JSON") String payload,
            @Schema(description = "Base64 of the Ed25519 signature over the payload's bytes") String signature) {
    }
}
