package io.github.dynamodbstream.emulator.internal.table;

import io.github.dynamodbstream.emulator.internal.ApiException;

/**
 * One segment of a parallel Scan. Every partition key belongs to exactly one segment (by a hash of its value),
 * so the segments of one TotalSegments split the items disjointly and completely.
 *
 * @param segment this segment, from 0
 * @param totalSegments the number of segments
 */
record ScanSegment(int segment, int totalSegments) {

    static final ScanSegment WHOLE = new ScanSegment(0, 1);

    private static final int MAX_SEGMENTS = 1_000_000;

    static ScanSegment of(Integer segment, Integer totalSegments) {
        if (segment == null && totalSegments == null) {
            return WHOLE;
        }
        if (totalSegments == null) {
            throw ApiException.validation("The TotalSegments parameter is required but was not present in the "
                    + "request when Segment parameter is present");
        }
        if (segment == null) {
            throw ApiException.validation("The Segment parameter is required but was not present in the request "
                    + "when parameter TotalSegments is present");
        }
        if (totalSegments < 1 || totalSegments > MAX_SEGMENTS) {
            throw ApiException.validation("1 validation error detected: Value '" + totalSegments + "' at "
                    + "'totalSegments' failed to satisfy constraint: Member must have value between 1 and "
                    + MAX_SEGMENTS);
        }
        if (segment < 0 || segment >= totalSegments) {
            throw ApiException.validation("The Segment parameter is zero-based and must be less than parameter "
                    + "TotalSegments: Segment: " + segment + " is not less than TotalSegments: " + totalSegments);
        }
        return new ScanSegment(segment, totalSegments);
    }

    boolean contains(KeyValue partition) {
        if (totalSegments == 1) {
            return true;
        }
        int spread = partition.hashCode() * 0x9E3779B9;
        return Math.floorMod(spread ^ (spread >>> 16), totalSegments) == segment;
    }
}
