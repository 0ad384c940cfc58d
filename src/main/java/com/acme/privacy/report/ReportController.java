package com.acme.privacy.report;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

@RestController
@RequestMapping(path = "/api/v1/reports", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Reports")
@SecurityRequirement(name = "apiKey")
@SecurityRequirement(name = "bearer")
class ReportController {

    private final YearlyReports reports;

    ReportController(YearlyReports reports) {
        this.reports = reports;
    }

    @GetMapping("/yearly")
    @Operation(summary = "CCPA Regs §7102 figures for the requests received in a calendar year (UTC): received, complied "
            + "with in whole or in part, denied, median and mean days to answer the subject; overall and per regulation")
    YearlyFigures yearly(@Parameter(description = "The calendar year, by the requests' receivedAt in UTC", example = "2026")
                         @RequestParam(required = false) @NotNull @Min(2000) @Max(9999) Integer year) {
        return reports.of(year);
    }
}
