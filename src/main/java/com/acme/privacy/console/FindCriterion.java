package com.acme.privacy.console;

import java.io.Serializable;
import java.util.HexFormat;
import java.util.Map;

import com.acme.privacy.pii.EmailAddress;
import com.acme.privacy.pii.PhoneNumber;
import com.acme.privacy.pii.ProtectedIdentifiers;

/**
 * The last search, kept in the session so that its result pages are plain links: the identifier itself is never in
 * a URL or a page. An email address or phone number is kept only as its keyed hash and its masked form.
 *
 * @param shownAs what the result page may say was searched for
 */
record FindCriterion(Kind kind, String value, String shownAs) implements Serializable {

    enum Kind {
        EMAIL("email address", "email_hash = decode(:value, 'hex')"),
        PHONE("phone number", "phone_hash = decode(:value, 'hex')"),
        REFERENCE("external reference", "external_reference = :value");

        private final String label;
        private final String condition;

        Kind(String label, String condition) {
            this.label = label;
            this.condition = condition;
        }

        public String label() {
            return label;
        }
    }

    static final String SESSION_KEY = FindCriterion.class.getName();

    static FindCriterion email(EmailAddress email, ProtectedIdentifiers identifiers) {
        return new FindCriterion(Kind.EMAIL, HexFormat.of().formatHex(identifiers.lookupHash(email)), email.masked());
    }

    static FindCriterion phone(PhoneNumber phone, ProtectedIdentifiers identifiers) {
        return new FindCriterion(Kind.PHONE, HexFormat.of().formatHex(identifiers.lookupHash(phone)), phone.masked());
    }

    static FindCriterion reference(String reference) {
        return new FindCriterion(Kind.REFERENCE, reference, reference);
    }

    String condition() {
        return kind.condition;
    }

    Map<String, String> params() {
        return Map.of("value", value);
    }

    /** Never the hash: it identifies the subject as well as the address does. */
    @Override
    public String toString() {
        return "FindCriterion[" + kind + "]";
    }
}
