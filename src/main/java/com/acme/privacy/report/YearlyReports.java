package com.acme.privacy.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import com.acme.privacy.erasure.Regulation;
import com.acme.privacy.erasure.SubjectResponseKind;

/**
 * The yearly figures of CCPA Regs §7102, computed from the records each time they are asked for: one statement over the
 * year's requests, each with its answer as stamped on it ({@code answered_at}, {@code answer_kind}), the overall
 * figures and those per regulation from one {@code ROLLUP}.
 */
@Component
public class YearlyReports {

    private static final String SQL = """
            SELECT regulation, GROUPING(regulation) = 1 AS overall, count(*) AS received,
                   count(*) FILTER (WHERE answer_kind = :whole) AS whole,
                   count(*) FILTER (WHERE answer_kind = :part) AS part,
                   count(*) FILTER (WHERE answer_kind = :denied) AS denied,
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY days) AS median_days,
                   avg(days) AS mean_days
            FROM (SELECT regulation, answer_kind, CAST(extract(epoch FROM answered_at - received_at) / 86400 AS float8) AS days
                  FROM erasure_request WHERE received_at >= :from AND received_at < :to) requests
            GROUP BY ROLLUP (regulation)
            """;

    private final JdbcClient jdbc;

    YearlyReports(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    public YearlyFigures of(int year) {
        Instant from = LocalDate.of(year, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant to = LocalDate.of(year + 1, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant();
        List<Row> rows = jdbc.sql(SQL)
                .param("whole", SubjectResponseKind.CONFIRMED_ERASURE.name())
                .param("part", SubjectResponseKind.PARTIAL.name())
                .param("denied", SubjectResponseKind.DENIAL.name())
                .param("from", Timestamp.from(from))
                .param("to", Timestamp.from(to))
                .query((rs, row) -> new Row(rs.getBoolean("overall") ? null : rs.getString("regulation"), figures(rs)))
                .list();
        // ROLLUP's overall row comes even for a year without requests.
        YearlyFigures.Figures all = rows.stream().filter(row -> row.regulation() == null).findFirst().orElseThrow().figures();
        Map<String, YearlyFigures.Figures> byRegulation = rows.stream().filter(row -> row.regulation() != null)
                .collect(Collectors.toMap(Row::regulation, Row::figures, (a, b) -> a, TreeMap::new));
        // Every regulation is reported, a year without any of its requests with zeros.
        for (Regulation regulation : Regulation.values()) {
            byRegulation.putIfAbsent(regulation.name(), YearlyFigures.Figures.NONE);
        }
        return new YearlyFigures(year, from, to, all, byRegulation);
    }

    /** @param regulation {@code null} for the overall figures */
    private record Row(String regulation, YearlyFigures.Figures figures) {
    }

    private static YearlyFigures.Figures figures(ResultSet rs) throws SQLException {
        long received = rs.getLong("received");
        long whole = rs.getLong("whole");
        long part = rs.getLong("part");
        long denied = rs.getLong("denied");
        return new YearlyFigures.Figures(received, whole, part, whole + part, denied, received - whole - part - denied,
                days(rs, "median_days"), days(rs, "mean_days"));
    }

    private static BigDecimal days(ResultSet rs, String column) throws SQLException {
        double days = rs.getDouble(column);
        return rs.wasNull() ? null : BigDecimal.valueOf(days).setScale(1, RoundingMode.HALF_UP);
    }
}
