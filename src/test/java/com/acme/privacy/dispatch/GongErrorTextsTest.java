package com.acme.privacy.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Whatever Gong echoes of an identifier, in whatever spelling, does not reach the audit trail. */
class GongErrorTextsTest {

    /** The word before an address goes too: it may be the first half of a local part with a space in it. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "No data for jane.doe@example.com                  | No data [email]",
            "No data for JANE.DOE@EXAMPLE.COM.                  | No data [email]",
            "No data for jane doe@example.com                   | No data for [email]",
            "No data for jane.doe%40example.com                 | No data [email]",
            "Bad value emailAddress=jane%2Bx%40example.com      | Bad [email]",
            "Invalid number +49 151 1234 5678                   | Invalid number [number]",
            "Invalid number %2B4915112345678                    | Invalid number [number]",
            "Invalid number (415) 555-0123                      | Invalid number [number]",
            "Invalid number ４９１５１１２３４５６７８                | Invalid number [number]",
            "Too many objects would be deleted                  | Too many objects would be deleted",
            "Error 42 at 100%                                   | Error 42 at 100%"})
    void scrubsAnythingLikeAnIdentifier(String gongSaid, String stored) {
        assertThat(GongErrorTexts.scrub(gongSaid)).isEqualTo(stored);
    }
}
