package io.github.dynamodbstream.benchmarks.support;

import io.github.dynamodbstream.emulator.ApiCalls;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The calls a contender made, read from the emulator's counts without those the harness made to write. */
public final class Calls {

    /** Operations only the harness calls (to create, load and drop tables). */
    private static final Set<String> HARNESS_OPERATIONS = Set.of("CreateTable", "DeleteTable", "BatchWriteItem",
            "PutItem");

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
