package com.acme.privacy.export;

import java.io.IOException;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.acme.privacy.security.Caller;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;

/**
 * CSV exports, written to the response as rows arrive from the database. Once the first bytes are sent the status is
 * 200 for good: an export that fails midway ends the connection without the final chunk, so that clients report an
 * incomplete transfer (curl exits with 18) instead of keeping a short file. A caller gets one export at a time, and
 * the replica a few ({@link ExportSlots}); beyond them the answer is 429.
 */
@RestController
@RequestMapping("/api/v1/exports")
@Tag(name = "Exports")
@SecurityRequirement(name = "apiKey")
@SecurityRequirement(name = "bearer")
class ExportController {

    private static final String RANGE = "A date (2026-01-01, from 00:00 UTC) or an ISO-8601 instant with an offset";

    private final CsvExports exports;

    ExportController(CsvExports exports) {
        this.exports = exports;
    }

    @GetMapping("/requests")
    @Operation(summary = "Requests received in [from, to) as CSV, identifiers masked (README, 'Exports')")
    void requests(@AuthenticationPrincipal Caller caller,
                  @Parameter(description = RANGE) @RequestParam(required = false) String from,
                  @Parameter(description = RANGE) @RequestParam(required = false) String to,
                  HttpServletResponse response) throws IOException {
        exports.stream(CsvExports.Kind.REQUESTS, from, to, caller.actor(), response);
    }

    @GetMapping("/audit-events")
    @Operation(summary = "Audit events that occurred in [from, to) as CSV, each with what its hash covers")
    void auditEvents(@AuthenticationPrincipal Caller caller,
                     @Parameter(description = RANGE) @RequestParam(required = false) String from,
                     @Parameter(description = RANGE) @RequestParam(required = false) String to,
                     HttpServletResponse response) throws IOException {
        exports.stream(CsvExports.Kind.AUDIT_EVENTS, from, to, caller.actor(), response);
    }

    /**
     * Not handled into a response: the status and part of the body are gone already. Thrown on to the servlet
     * container, it makes Tomcat close the connection instead of ending the body as if it were complete.
     */
    @ExceptionHandler(ExportCutShort.class)
    void cutShort(ExportCutShort failure) {
        throw failure;
    }
}
