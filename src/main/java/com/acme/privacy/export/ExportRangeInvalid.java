package com.acme.privacy.export;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

import com.acme.privacy.web.InvalidRequest;

/** Answered like every other invalid input: 400, each parameter in {@code errors[]}, its value never repeated. */
class ExportRangeInvalid extends ErrorResponseException {

    private final List<Map<String, String>> errors;

    ExportRangeInvalid(List<Map<String, String>> errors) {
        super(HttpStatus.BAD_REQUEST, InvalidRequest.fields(errors), null);
        this.errors = List.copyOf(errors);
    }

    /** Each refused parameter, {@code field} and {@code message}. */
    List<Map<String, String>> errors() {
        return errors;
    }
}
