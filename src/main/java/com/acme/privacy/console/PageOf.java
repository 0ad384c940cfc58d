package com.acme.privacy.console;

import java.util.List;

/** One page of a list; {@code page} counts from 0. */
record PageOf<T>(List<T> items, int page, int size, long total) {

    static final int SIZE = 20;

    public boolean hasPrevious() {
        return page > 0;
    }

    public boolean hasNext() {
        return (long) (page + 1) * size < total;
    }

    /** The 1-based position of the first item, for "21–40 of 57". */
    public long first() {
        return items.isEmpty() ? 0 : (long) page * size + 1;
    }

    public long last() {
        return (long) page * size + items.size();
    }
}
