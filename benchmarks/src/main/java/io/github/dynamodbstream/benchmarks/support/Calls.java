package io.github.dynamodbstream.benchmarks.support;

import io.github.dynamodbstream.emulator.ApiCalls;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The calls a contender made, read from the emulator's counts without those the harness made to write. The harness
 * creates its tables before the counts are reset and drops them after they are read, so within a counted window its
 * only calls are its {@code BatchWriteItem} writes; every other call, {@code CreateTable} and {@code PutItem} included
 * (the Kinesis Client Library creates its lease tables and leases with them), is the contender's.
 */
public final class Calls {

    /** The operation the harness loads tables with while calls are counted. */
    private static final Set<String> HARNESS_OPERATIONS = Set.of("BatchWriteItem");

    /** The DynamoDB Streams operations; every other operation is a DynamoDB one (tables and items). */
    public static final Set<String> STREAMS_OPERATIONS = Set.of("DescribeStream", "GetRecords", "GetShardIterator",
            "ListStreams");

    private Calls() {
    }

    /** Calls by operation, every outcome together. */
    public static Map<String, Long> byOperation(ApiCalls calls) {
        Map<String, Long> counts = new TreeMap<>();
        calls.snapshot().forEach((operation, outcomes) -> {
            if (!HARNESS_OPERATIONS.contains(operation)) {
                counts.put(operation, outcomes.values().stream().mapToLong(Long::longValue).sum());
            }
        });
        return counts;
    }

    /** Whether an operation is a DynamoDB Streams one, rather than a DynamoDB one on tables and items. */
    public static boolean isStreams(String operation) {
        return STREAMS_OPERATIONS.contains(operation);
    }

    /** Calls answered with an error, by operation and error. */
    public static Map<String, Long> errors(ApiCalls calls) {
        Map<String, Long> errors = new TreeMap<>();
        calls.snapshot().forEach((operation, outcomes) -> outcomes.forEach((outcome, count) -> {
            if (!outcome.equals(ApiCalls.SUCCESS)) {
                errors.put(operation + " " + outcome, count);
            }
        }));
        return errors;
    }
}
