package com.acme.privacy.console;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import com.acme.privacy.report.YearlyFigures;
import com.acme.privacy.report.YearlyReports;

/** The yearly figures of CCPA Regs §7102, the same as {@code GET /api/v1/reports/yearly}, as a table per regulation. */
@Controller
class ReportPageController {

    /** One line of the table: a figure, overall and then per regulation. */
    record Line(String figure, List<String> values) {
    }

    private static final List<Map.Entry<String, Function<YearlyFigures.Figures, Object>>> FIGURES = List.of(
            Map.entry("Received", YearlyFigures.Figures::received),
            Map.entry("Complied with in whole or in part", YearlyFigures.Figures::compliedInWholeOrInPart),
            Map.entry("… in whole (erasure confirmed)", YearlyFigures.Figures::compliedInWhole),
            Map.entry("… in part (partly denied)", YearlyFigures.Figures::compliedInPart),
            Map.entry("Denied", YearlyFigures.Figures::denied),
            Map.entry("Without an answer", YearlyFigures.Figures::withoutAnswer),
            Map.entry("Median days to answer", YearlyFigures.Figures::medianDaysToAnswer),
            Map.entry("Mean days to answer", YearlyFigures.Figures::meanDaysToAnswer));

    private final YearlyReports reports;
    private final ConsoleTimes times;

    ReportPageController(YearlyReports reports, ConsoleTimes times) {
        this.reports = reports;
        this.times = times;
    }

    /** This year unless {@code year} names another; one that is no year from 2000 comes back with a message. */
    @GetMapping("/console/reports")
    String yearly(@RequestParam(required = false) String year, Model model) {
        int thisYear = LocalDate.ofInstant(times.now(), ZoneOffset.UTC).getYear();
        Integer asked = year == null || year.isBlank() ? Integer.valueOf(thisYear) : parse(year);
        if (asked == null) {
            model.addAttribute("year", year);
            model.addAttribute("yearError", "Give a year from 2000 to 9999 in four digits, such as " + thisYear + ".");
            return "console/reports";
        }
        YearlyFigures report = reports.of(asked);
        List<Line> lines = new ArrayList<>();
        for (Map.Entry<String, Function<YearlyFigures.Figures, Object>> figure : FIGURES) {
            List<String> values = new ArrayList<>();
            values.add(shown(figure.getValue().apply(report.all())));
            report.byRegulation().values().forEach(figures -> values.add(shown(figure.getValue().apply(figures))));
            lines.add(new Line(figure.getKey(), values));
        }
        model.addAttribute("year", asked);
        model.addAttribute("report", report);
        model.addAttribute("lines", lines);
        return "console/reports";
    }

    private static Integer parse(String year) {
        return year.matches("\\d{4}") && Integer.parseInt(year) >= 2000 ? Integer.valueOf(year) : null;
    }

    private static String shown(Object value) {
        return value == null ? "—" : value.toString();
    }
}
