package io.github.dynamodbstream.spring.observation;

import io.github.dynamodbstream.core.record.ChangeRecord;
import io.github.dynamodbstream.spring.StreamDefinition;
import io.micrometer.observation.ObservationRegistry;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Runs each delivery to the listeners in an observation of {@link DynamoDbStreamObservation#LISTENER}, or directly
 * when observations are off ({@link #NONE}) or the registry records nothing. Thread-safe.
 */
public final class DeliveryObservations {

    /** No observation: deliveries run as they are. */
    public static final DeliveryObservations NONE = new DeliveryObservations(ObservationRegistry.NOOP, null);

    private static final DynamoDbStreamDeliveryConvention DEFAULT = new DefaultDynamoDbStreamDeliveryConvention();

    private final ObservationRegistry registry;
    private final DynamoDbStreamDeliveryConvention convention;

    /**
     * @param registry where the observations go
     * @param convention replaces the default convention, or {@code null}
     */
    public DeliveryObservations(ObservationRegistry registry, DynamoDbStreamDeliveryConvention convention) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.convention = convention;
    }

    /**
     * Runs the delivery of these changes, observed.
     *
     * @param stream the stream they come from
     * @param changeType INSERT, MODIFY, REMOVE, or {@link DynamoDbStreamDeliveryContext#BATCH}
     * @param records the changes, of one shard, in order
     * @param delivery publishes them; an exception it throws is recorded on the observation and thrown on
     */
    public void observe(StreamDefinition stream, String changeType, List<ChangeRecord> records, Runnable delivery) {
        if (registry.isNoop()) {
            delivery.run();
            return;
        }
        observed(stream, changeType, records, delivery);
    }

    /**
     * Runs the delivery of one change, observed; when nothing is observed, without allocating anything.
     *
     * @param stream the stream it comes from
     * @param record the change
     * @param delivery publishes it; an exception it throws is recorded on the observation and thrown on
     */
    public void observe(StreamDefinition stream, ChangeRecord record, Consumer<ChangeRecord> delivery) {
        if (registry.isNoop()) {
            delivery.accept(record);
            return;
        }
        observed(stream, record.type().name(), List.of(record), () -> delivery.accept(record));
    }

    private void observed(StreamDefinition stream, String changeType, List<ChangeRecord> records, Runnable delivery) {
        DynamoDbStreamObservation.LISTENER.observation(convention, DEFAULT,
                () -> new DynamoDbStreamDeliveryContext(stream.name(), stream.tableName(), changeType, records),
                registry).observe(delivery);
    }
}
