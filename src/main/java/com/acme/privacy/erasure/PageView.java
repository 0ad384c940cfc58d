package com.acme.privacy.erasure;

import java.util.List;
import java.util.function.Function;

import org.springframework.data.domain.Page;

/** A stable JSON shape for one page of results. */
record PageView<T>(List<T> content, int page, int size, long totalElements, int totalPages) {

    static <S, T> PageView<T> of(Page<S> page, Function<List<S>, List<T>> mapper) {
        return new PageView<>(mapper.apply(page.getContent()), page.getNumber(), page.getSize(), page.getTotalElements(),
                page.getTotalPages());
    }
}
