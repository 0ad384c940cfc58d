package com.acme.privacy.export;

import java.io.IOException;
import java.io.OutputStream;
import java.util.function.BiConsumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;

/**
 * CSV exports, written to the response as rows arrive from the database. Once the first bytes are sent the status is
 * 200 for good: an export that fails midway ends the connection without the final chunk, so that clients report an
 * incomplete transfer (curl exits with 18) instead of keeping a short file.
 */
@RestController
@RequestMapping("/api/v1/exports")
@Tag(name = "Exports")
@SecurityRequirement(name = "apiKey")
@SecurityRequirement(name = "bearer")
class ExportController {

    private static final Logger log = LoggerFactory.getLogger(ExportController.class);
    private static final String RANGE = "A date (2026-01-01, from 00:00 UTC) or an ISO-8601 instant with an offset";

    private final RequestExport requests;
    private final AuditEventExport auditEvents;

    ExportController(RequestExport requests, AuditEventExport auditEvents) {
        this.requests = requests;
        this.auditEvents = auditEvents;
    }

    @GetMapping("/requests")
    @Operation(summary = "Requests received in [from, to) as CSV, identifiers masked (README, 'Exports')")
    void requests(@Parameter(description = RANGE) @RequestParam(required = false) String from,
                  @Parameter(description = RANGE) @RequestParam(required = false) String to,
                  HttpServletResponse response) throws IOException {
        export("requests", ExportRange.parse(from, to), requests::write, response);
    }

    @GetMapping("/audit-events")
    @Operation(summary = "Audit events that occurred in [from, to) as CSV, each with what its hash covers")
    void auditEvents(@Parameter(description = RANGE) @RequestParam(required = false) String from,
                     @Parameter(description = RANGE) @RequestParam(required = false) String to,
                     HttpServletResponse response) throws IOException {
        export("audit-events", ExportRange.parse(from, to), auditEvents::write, response);
    }

    /**
     * Not handled into a response: the status and part of the body are gone already. Thrown on to the servlet
     * container, it makes Tomcat close the connection instead of ending the body as if it were complete.
     */
    @ExceptionHandler(ExportCutShort.class)
    void cutShort(ExportCutShort failure) {
        throw failure;
    }

    private static void export(String name, ExportRange range, BiConsumer<ExportRange, OutputStream> writer,
                               HttpServletResponse response) throws IOException {
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "_" + range.label() + ".csv\"");
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        try {
            writer.accept(range, response.getOutputStream());
        } catch (RuntimeException failure) {
            if (!response.isCommitted()) {
                // Still answerable, e.g. 503 while the database is away: as a problem, not as a file.
                response.resetBuffer();
                response.setHeader(HttpHeaders.CONTENT_DISPOSITION, null);
                throw failure;
            }
            log.warn("The {} export failed after the response began: {}", name, failure.getClass().getSimpleName());
            throw new ExportCutShort(name);
        }
    }
}
