package com.acme.privacy.dispatch;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.regex.Pattern;

/**
 * Gong's {@code errors[]} go into the undeletable audit trail, so they are stored only after every email-like and
 * number-like run in them is replaced, whatever its spelling: percent-encoded, with spaces, in full-width digits, in
 * another case. Broader than looking for the request's own identifiers, which would miss {@code jane doe@…} or
 * {@code +49 151 …}.
 */
final class GongErrorTexts {

    /** An address, and a word before it that may belong to it ("jane doe@example.com"). */
    private static final Pattern EMAIL_LIKE = Pattern.compile("(?:\\S+\\s)?\\S*@\\S+");
    /** Seven or more digits, with the separators people write numbers with. */
    private static final Pattern NUMBER_LIKE = Pattern.compile("\\+?\\(?\\d[\\d\\s().\\-/]{5,}\\d");

    private GongErrorTexts() {
    }

    static String scrub(String text) {
        String plain = Normalizer.normalize(percentDecoded(text), Normalizer.Form.NFKC);
        return NUMBER_LIKE.matcher(EMAIL_LIKE.matcher(plain).replaceAll("[email]")).replaceAll("[number]");
    }

    private static String percentDecoded(String text) {
        try {
            return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return text;
        }
    }
}
