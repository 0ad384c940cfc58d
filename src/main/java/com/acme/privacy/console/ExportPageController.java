package com.acme.privacy.console;

import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import com.acme.privacy.export.CsvExports;
import com.acme.privacy.export.ExportCutShort;
import com.acme.privacy.export.ExportsBusy;

import jakarta.servlet.http.HttpServletResponse;

/**
 * CSV exports for a date range, requests or audit events, streamed by the export feature exactly as its API does. The
 * download is a POST with the form's CSRF token: as a GET, a link on another site could start a long export with the
 * signed-in person's cookie. A range the API would refuse comes back as the form with the API's reasons, and so does
 * an export refused because the person's or the replica's exports are all still running.
 */
@Controller
class ExportPageController {

    /** One of the page's two forms, its fields prefilled and its errors, per field. */
    record RangeForm(String kind, String from, String to, List<CsvExports.RangeError> errors) {

        public boolean hasError(String field) {
            return errors.stream().anyMatch(error -> error.field().equals(field));
        }

        public List<String> errorsOf(String field) {
            return errors.stream().filter(error -> error.field().equals(field)).map(CsvExports.RangeError::message).toList();
        }
    }

    private final CsvExports exports;
    private final ConsoleTimes times;

    ExportPageController(CsvExports exports, ConsoleTimes times) {
        this.exports = exports;
        this.times = times;
    }

    @GetMapping("/console/export")
    String export(Model model) {
        return page(model, lastDays("requests"), lastDays("audit-events"));
    }

    @PostMapping("/console/export/requests")
    String requests(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                    Authentication authentication, HttpServletResponse response, Model model) throws IOException {
        return download(CsvExports.Kind.REQUESTS, "requests", from, to, authentication, response, model);
    }

    @PostMapping("/console/export/audit-events")
    String auditEvents(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                       Authentication authentication, HttpServletResponse response, Model model) throws IOException {
        return download(CsvExports.Kind.AUDIT_EVENTS, "audit-events", from, to, authentication, response, model);
    }

    /** Part of the file is sent already: the connection must close without the final chunk, not show a page. */
    @ExceptionHandler(ExportCutShort.class)
    void cutShort(ExportCutShort failure) {
        throw failure;
    }

    private String download(CsvExports.Kind kind, String name, String from, String to, Authentication authentication,
                            HttpServletResponse response, Model model) throws IOException {
        List<CsvExports.RangeError> errors = exports.check(from, to);
        if (errors.isEmpty()) {
            try {
                exports.stream(kind, from, to, SignedIn.caller(authentication).actor(), response);
                return null;
            } catch (ExportsBusy busy) {
                response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
                response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(busy.retryAfter().toSeconds()));
                model.addAttribute("busy", "Not exported: " + (busy.perCaller() ? "your previous export is still running"
                        : "the service is writing as many exports as it can at once") + ". Try again in a minute.");
            }
        } else {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
        }
        RangeForm refused = new RangeForm(name, from, to, errors);
        return kind == CsvExports.Kind.REQUESTS ? page(model, refused, lastDays("audit-events"))
                : page(model, lastDays("requests"), refused);
    }

    /** The last 30 days including today: {@code to} is exclusive, so it is tomorrow. */
    private RangeForm lastDays(String kind) {
        LocalDate today = LocalDate.ofInstant(times.now(), ZoneOffset.UTC);
        return new RangeForm(kind, today.minusDays(OverviewController.DAYS - 1).toString(), today.plusDays(1).toString(), List.of());
    }

    private static String page(Model model, RangeForm requests, RangeForm auditEvents) {
        model.addAttribute("requests", requests);
        model.addAttribute("auditEvents", auditEvents);
        return "console/export";
    }
}
