package com.acme.privacy.console;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The export page. CSV exports come with the export API (GET /api/v1/exports/requests and /audit-events), which is
 * not part of this service yet; until then the page says so instead of offering a download that cannot work.
 */
@Controller
class ExportPageController {

    @GetMapping("/console/export")
    String export() {
        return "console/export";
    }
}
