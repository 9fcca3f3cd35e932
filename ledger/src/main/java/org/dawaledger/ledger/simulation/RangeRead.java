package org.dawaledger.ledger.simulation;

import java.util.ArrayList;
import java.util.List;

/**
 * A range query a transaction ran, and the rows it took from it: at commit the range must still hold exactly these
 * rows up to where the transaction stopped reading, or the transaction read a phantom.
 *
 * @param start the first key of the range
 * @param end the first key after it; "" for no end
 * @param rows the keys and versions read, in order
 * @param exhausted whether the transaction read to the end of the range
 */
public record RangeRead(String start, String end, List<Row> rows, boolean exhausted) {
    public RangeRead {
        rows = List.copyOf(rows);
    }

    /** One row read: its key and the version it had. */
    public record Row(String key, Version version) {
    }

    /** Collects a range read while the chaincode iterates. */
    static final class Builder {
        private final String start;
        private final String end;
        private final List<Row> rows = new ArrayList<>();
        private boolean exhausted;

        Builder(final String start, final String end) {
            this.start = start;
            this.end = end;
        }

        void read(final String key, final Version version) {
            rows.add(new Row(key, version));
        }

        void exhausted() {
            exhausted = true;
        }

        RangeRead build() {
            return new RangeRead(start, end, rows, exhausted);
        }
    }
}
