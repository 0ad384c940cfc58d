package com.acme.privacy.console;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import com.acme.privacy.erasure.ErasureStatus;

/** Where the console opens: how many requests stand where, what needs a person, what Gong allows today, and two charts. */
@Controller
class OverviewController {

    static final int DAYS = 30;

    /** Whole days left, both ends inclusive. */
    private record Bucket(String label, long low, long high) {
    }

    /** A week at a time for GDPR's month, then CCPA's 45 days, then extended deadlines. */
    private static final List<Bucket> BUCKETS = List.of(
            new Bucket("Overdue", Long.MIN_VALUE, -1),
            new Bucket("0–6", 0, 6),
            new Bucket("7–13", 7, 13),
            new Bucket("14–20", 14, 20),
            new Bucket("21–29", 21, 29),
            new Bucket("30–45", 30, 45),
            new Bucket("46+", 46, Long.MAX_VALUE));

    private final OverviewQueries queries;
    private final GongStatus gong;
    private final ConsoleTimes times;

    OverviewController(OverviewQueries queries, GongStatus gong, ConsoleTimes times) {
        this.queries = queries;
        this.gong = gong;
        this.times = times;
    }

    @GetMapping({"/console", "/console/"})
    String overview(Model model) {
        Instant now = times.now();
        Map<ErasureStatus, Long> counts = queries.countsByStatus();
        model.addAttribute("counts", counts);
        model.addAttribute("overdue", queries.overdue(now));
        model.addAttribute("failed", counts.get(ErasureStatus.FAILED));
        model.addAttribute("needsAttention", counts.get(ErasureStatus.NEEDS_ATTENTION));
        model.addAttribute("held", counts.get(ErasureStatus.HELD));
        model.addAttribute("extensionsWithoutNotice", queries.extensionsWithoutNotice());
        model.addAttribute("completed", counts.get(ErasureStatus.COMPLETED));
        model.addAttribute("oldestOpen", queries.oldestOpen().orElse(null));
        model.addAttribute("gong", gong.now());
        model.addAttribute("perDay", perDay(now));
        model.addAttribute("byDaysLeft", byDaysLeft(now));
        return "console/overview";
    }

    private BarChart perDay(Instant now) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        LocalDate first = today.minusDays(DAYS - 1);
        Instant from = first.atStartOfDay(ZoneOffset.UTC).toInstant();
        Map<LocalDate, Long> received = queries.receivedPerDay(from);
        Map<LocalDate, Long> completed = queries.completedPerDay(from);
        List<BarChart.Row> rows = new ArrayList<>();
        for (LocalDate day = first; !day.isAfter(today); day = day.plusDays(1)) {
            // A tick each week, counted back from today, so that today always has one.
            String tick = today.toEpochDay() % 7 == day.toEpochDay() % 7 ? day.getMonthValue() + "/" + day.getDayOfMonth() : "";
            rows.add(new BarChart.Row(day.toString(), tick, List.of(received.getOrDefault(day, 0L), completed.getOrDefault(day, 0L))));
        }
        return BarChart.of("Requests received and completed (Gong confirmed the erasure) per day, last " + DAYS + " days (UTC)",
                List.of(new BarChart.Series("series-received", "received"), new BarChart.Series("series-completed", "completed")),
                rows, 10, 4);
    }

    private BarChart byDaysLeft(Instant now) {
        Map<Long, Long> byDay = queries.unansweredByDaysLeft(now);
        List<BarChart.Row> rows = new ArrayList<>();
        for (Bucket bucket : BUCKETS) {
            long count = byDay.entrySet().stream().filter(e -> e.getKey() >= bucket.low() && e.getKey() <= bucket.high())
                    .mapToLong(Map.Entry::getValue).sum();
            rows.add(new BarChart.Row(bucket.low() < 0 ? bucket.label() : bucket.label() + " days left", bucket.label(), List.of(count)));
        }
        return BarChart.of("Unanswered requests by days left until their deadline",
                List.of(new BarChart.Series("series-open", "unanswered requests")), rows, 48, 16);
    }
}
