package io.github.dynamodbstream.emulator.internal;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dynamodbstream.emulator.ApiCalls;
import io.github.dynamodbstream.emulator.Fault;
import io.github.dynamodbstream.emulator.internal.stream.StreamStore;
import io.github.dynamodbstream.emulator.internal.table.TableStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * Serves one API call: resolves the operation from its {@code X-Amz-Target}, applies injected faults, runs the
 * operation under the single lock that keeps tables and streams consistent, and renders the answer.
 */
public final class EmulatorEngine {

    /** A response to write: HTTP status and JSON body. */
    public record Response(int status, byte[] body) {
    }

    private static final String TABLE_SERVICE = "DynamoDB_20120810";
    private static final String STREAM_SERVICE = "DynamoDBStreams_20120810";
    /** Outcome counted for a call answered with {@link Fault#notJson()}. */
    public static final String NOT_JSON_OUTCOME = "NotJson";
    /** Outcome counted for a call answered with {@link Fault#truncatedJson()}. */
    public static final String TRUNCATED_JSON_OUTCOME = "TruncatedJson";
    private static final byte[] NOT_JSON_BODY = ("<html><head><title>502 Bad Gateway</title></head>"
            + "<body>The upstream server answered nothing (injected fault)</body></html>")
            .getBytes(StandardCharsets.UTF_8);

    private final ObjectMapper mapper = new ObjectMapper();
    private final ReentrantLock lock = new ReentrantLock();
    private final EmulatorClock clock;
    private final StreamStore streams;
    private final TableStore tables;
    private final Map<String, Operation> tableOperations;
    private final Map<String, Operation> streamOperations;
    private final FaultPlan faults = new FaultPlan();
    private final BiConsumer<String, String> callRecorder;

    public EmulatorEngine(EmulatorSettings settings, EmulatorClock clock, BiConsumer<String, String> callRecorder) {
        this.clock = clock;
        this.callRecorder = callRecorder;
        this.streams = new StreamStore(settings, clock);
        this.tables = new TableStore(settings, clock, streams);
        this.tableOperations = Map.copyOf(tables.operations());
        this.streamOperations = Map.copyOf(streams.operations(tables::exists));
    }

    /** Every operation name the emulator serves. */
    public Set<String> operationNames() {
        return Set.copyOf(concat(tableOperations.keySet(), streamOperations.keySet()));
    }

    public boolean serves(String operation) {
        return tableOperations.containsKey(operation) || streamOperations.containsKey(operation);
    }

    public FaultPlan faults() {
        return faults;
    }

    public Response handle(String target, byte[] body) {
        String operationName = target == null ? "" : target.substring(target.indexOf('.') + 1);
        try {
            Operation operation = resolve(target);
            Fault fault = faults.nextIf(operationName, candidate -> !candidate.damagesRecord());
            if (fault != null && fault.kind() == Fault.Kind.NOT_JSON) {
                callRecorder.accept(operationName, NOT_JSON_OUTCOME);
                return new Response(200, NOT_JSON_BODY);
            }
            applyFault(operationName, fault);
            ObjectNode request = parse(body);
            JsonNode answer = underLock(() -> operation.invoke(request));
            byte[] rendered = mapper.writeValueAsBytes(answer);
            if (fault != null && fault.kind() == Fault.Kind.TRUNCATED_JSON) {
                callRecorder.accept(operationName, TRUNCATED_JSON_OUTCOME);
                return new Response(200, Arrays.copyOf(rendered, rendered.length / 2));
            }
            if (FaultPlan.RECORD_OPERATION.equals(operationName) && answer.path("Records").size() > 0) {
                Fault damage = faults.nextIf(operationName, Fault::damagesRecord);
                if (damage != null) {
                    rendered = RecordDamage.apply(mapper, rendered, damage);
                }
            }
            callRecorder.accept(operationName, ApiCalls.SUCCESS);
            return new Response(200, rendered);
        } catch (ApiException e) {
            callRecorder.accept(operationName, e.errorName());
            return error(e);
        } catch (JacksonException e) {
            ApiException failure = ApiError.INTERNAL_SERVER_ERROR.exception("The response could not be rendered");
            callRecorder.accept(operationName, failure.errorName());
            return error(failure);
        } catch (RuntimeException e) {
            ApiException failure = ApiError.INTERNAL_SERVER_ERROR.exception(
                    "The emulator failed to serve " + operationName + ": " + e);
            callRecorder.accept(operationName, failure.errorName());
            return error(failure);
        }
    }

    /** Runs a control action (rotate, split, expire) under the lock, after due maintenance. */
    public void control(Runnable action) {
        underLock(() -> {
            action.run();
            return null;
        });
    }

    public StreamStore streams() {
        return streams;
    }

    private <T> T underLock(Supplier<T> work) {
        lock.lock();
        try {
            var now = clock.now();
            streams.maintain(now);
            tables.maintain(now);
            return work.get();
        } finally {
            lock.unlock();
        }
    }

    private Operation resolve(String target) {
        if (target == null) {
            throw ApiError.UNKNOWN_OPERATION.exception("Unknown operation: (no X-Amz-Target header)");
        }
        int dot = target.indexOf('.');
        String service = dot < 0 ? "" : target.substring(0, dot);
        String name = target.substring(dot + 1);
        Operation operation = switch (service) {
            case TABLE_SERVICE -> tableOperations.get(name);
            case STREAM_SERVICE -> streamOperations.get(name);
            default -> null;
        };
        if (operation == null) {
            throw ApiError.UNKNOWN_OPERATION.exception("Unknown operation: " + target);
        }
        return operation;
    }

    /** Throws the error a fault answers, or waits; faults that change the answer are applied later. */
    private void applyFault(String operation, Fault fault) {
        if (fault == null) {
            return;
        }
        switch (fault.kind()) {
            case THROTTLING -> throw streamOperations.containsKey(operation)
                    ? ApiError.LIMIT_EXCEEDED.exception("Rate exceeded for shard or stream (injected fault)")
                    : ApiError.PROVISIONED_THROUGHPUT_EXCEEDED.exception(
                            "The level of configured provisioned throughput for the table was exceeded (injected fault)");
            case INTERNAL_ERROR ->
                    throw ApiError.INTERNAL_SERVER_ERROR.exception("Internal server error (injected fault)");
            case DELAY -> pause(fault.delay());
            default -> {
            }
        }
    }

    private static void pause(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private ObjectNode parse(byte[] body) {
        if (body.length == 0) {
            return mapper.createObjectNode();
        }
        try {
            JsonNode tree = mapper.readTree(body);
            if (tree instanceof ObjectNode object) {
                return object;
            }
        } catch (JacksonException e) {
            throw ApiError.SERIALIZATION.exception("The request body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw ApiError.SERIALIZATION.exception("The request body could not be read: " + e.getMessage());
        }
        throw ApiError.SERIALIZATION.exception("The request body must be a JSON object");
    }

    private Response error(ApiException e) {
        ObjectNode body = mapper.createObjectNode();
        body.put("__type", e.errorType());
        body.put("message", e.getMessage());
        try {
            return new Response(e.status(), mapper.writeValueAsBytes(body));
        } catch (JacksonException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static Set<String> concat(Set<String> a, Set<String> b) {
        var all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }
}
