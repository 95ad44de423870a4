package io.github.dynamodbstream.spring.event;

import java.util.Objects;
import org.springframework.context.ApplicationEvent;

/**
 * Base of every event the starter publishes: names the stream it comes from. Listen to this type to receive every
 * event of every stream:
 * <pre>{@code
 * @EventListener
 * void on(DynamoDbStreamEvent event) {
 *     log.debug("{} from stream {}", event.getClass().getSimpleName(), event.streamName());
 * }
 * }</pre>
 */
public abstract class DynamoDbStreamEvent extends ApplicationEvent {

    private final String streamName;
    private final String tableName;
    private final String streamArn;

    /**
     * @param source the object that published the event
     * @param streamName the stream's name in the configuration
     * @param tableName the table whose changes the stream carries
     * @param streamArn the stream's ARN
     */
    protected DynamoDbStreamEvent(Object source, String streamName, String tableName, String streamArn) {
        super(source);
        this.streamName = Objects.requireNonNull(streamName, "streamName");
        this.tableName = Objects.requireNonNull(tableName, "tableName");
        this.streamArn = Objects.requireNonNull(streamArn, "streamArn");
    }

    /** The stream's name: its key under {@code dynamodb.stream.streams}, or its table's name. */
    public String streamName() {
        return streamName;
    }

    /** The name of the table whose changes the stream carries. */
    public String tableName() {
        return tableName;
    }

    /** The stream's ARN. */
    public String streamArn() {
        return streamArn;
    }
}
