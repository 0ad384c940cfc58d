package com.acme.privacy.export;

import java.io.BufferedWriter;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import tools.jackson.databind.SequenceWriter;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;

/**
 * Writes CSV rows one at a time, through Jackson's CSV writer: RFC 4180 quoting, a header line, UTF-8. A text cell that
 * a spreadsheet would run as a formula (it starts with {@code = + - @}, a tab or a carriage return) gets a leading
 * {@code '}, so that opening an export in Excel shows text and runs nothing.
 */
final class CsvRows {

    private static final CsvMapper CSV = CsvMapper.builder().build();
    private static final String FORMULA_STARTS = "=+-@\t\r";

    private final SequenceWriter writer;

    CsvRows(OutputStream out, List<String> columns) {
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
        columns.forEach(schema::addColumn);
        this.writer = CSV.writer(schema.build())
                .writeValues(new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024));
    }

    void write(Object... cells) {
        writer.write(Arrays.stream(cells).map(CsvRows::inert).toArray());
    }

    static Object inert(Object cell) {
        return cell instanceof String text && !text.isEmpty() && FORMULA_STARTS.indexOf(text.charAt(0)) >= 0 ? "'" + text : cell;
    }

    void close() {
        writer.close();
    }
}
