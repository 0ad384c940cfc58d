package com.acme.privacy.export;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.function.BiConsumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

import jakarta.servlet.http.HttpServletResponse;

/**
 * The CSV exports as the API serves them, for any caller: the same range rules, the same files, streamed the same way.
 * The console's download page uses it too, so there is one way to write an export.
 */
@Component
public class CsvExports {

    private static final Logger log = LoggerFactory.getLogger(CsvExports.class);

    /** What can be exported; {@code name} starts the file's name. */
    public enum Kind {
        REQUESTS("requests"), AUDIT_EVENTS("audit-events");

        private final String name;

        Kind(String name) {
            this.name = name;
        }
    }

    /** Why a range is refused, per parameter, as the API reports it in {@code errors[]}; never the value. */
    public record RangeError(String field, String message) {
    }

    private final RequestExport requests;
    private final AuditEventExport auditEvents;
    private final ExportSlots slots;
    private final ExportProperties properties;

    CsvExports(RequestExport requests, AuditEventExport auditEvents, ExportSlots slots, ExportProperties properties) {
        this.requests = requests;
        this.auditEvents = auditEvents;
        this.slots = slots;
        this.properties = properties;
    }

    /** The range's errors; empty when {@link #stream} would accept it. */
    public List<RangeError> check(String from, String to) {
        try {
            ExportRange.parse(from, to, properties.maxRange());
            return List.of();
        } catch (ExportRangeInvalid invalid) {
            return invalid.errors().stream().map(error -> new RangeError(error.get("field"), error.get("message"))).toList();
        }
    }

    /**
     * Writes the export to the response as rows arrive. Before the first byte is sent a failure is thrown as it is
     * (an invalid range as {@link ExportRangeInvalid}, no slot free as {@link ExportsBusy}); after it, as
     * {@link ExportCutShort}, which must reach the servlet container so that the connection closes without the final
     * chunk and clients see an incomplete transfer.
     *
     * @param caller who exports, as the audit trail names actors; at most {@code max-concurrent-per-client} at once
     */
    public void stream(Kind kind, String from, String to, String caller, HttpServletResponse response) throws IOException {
        ExportRange range = ExportRange.parse(from, to, properties.maxRange());
        BiConsumer<ExportRange, OutputStream> writer = kind == Kind.REQUESTS ? requests::write : auditEvents::write;
        try (ExportSlots.Slot slot = slots.take(caller)) {
            response.setContentType("text/csv;charset=UTF-8");
            response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + kind.name + "_" + range.label() + ".csv\"");
            response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
            write(kind, writer, range, response);
        }
    }

    private static void write(Kind kind, BiConsumer<ExportRange, OutputStream> writer, ExportRange range, HttpServletResponse response)
            throws IOException {
        try {
            writer.accept(range, response.getOutputStream());
        } catch (RuntimeException failure) {
            if (!response.isCommitted()) {
                // Still answerable, e.g. 503 while the database is away: as a problem or page, not as a file.
                response.resetBuffer();
                response.setHeader(HttpHeaders.CONTENT_DISPOSITION, null);
                throw failure;
            }
            log.warn("The {} export failed after the response began: {}", kind.name, failure.getClass().getSimpleName());
            throw new ExportCutShort(kind.name);
        }
    }
}
