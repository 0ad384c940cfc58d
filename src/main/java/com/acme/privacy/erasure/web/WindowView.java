package com.acme.privacy.erasure.web;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/** One window of results, and where the next one starts. */
record WindowView<T>(
        List<T> content,
        @Schema(description = "How many results a window holds at most") int size,
        @Schema(description = "Pass as ?cursor= with the same filters and sort for the next window; null on the last")
        String next) {
}
