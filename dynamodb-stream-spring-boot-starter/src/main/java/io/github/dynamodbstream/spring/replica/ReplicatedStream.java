package io.github.dynamodbstream.spring.replica;

import io.github.dynamodbstream.core.StreamArn;
import io.github.dynamodbstream.spring.DynamoDbStreamProperties;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * A stream whose table is replicated, as the properties say, before the streams are resolved: known at bean
 * registration time, so that each replica's bean is typed by its stream's item type.
 *
 * @param name the stream's name, as {@code StreamDefinition.name()} will be
 * @param itemTypeName the fully qualified name of the item type, or {@code null} for plain maps
 * @param maxItems the most items the replica may hold, or {@code null} for no bound
 * @param maxItemsProperty the property that set {@code maxItems}, for messages
 * @param enabledProperty the property that turns this replica off, for messages
 */
record ReplicatedStream(String name, String itemTypeName, Long maxItems, String maxItemsProperty,
        String enabledProperty) {

    private static final String REPLICA = DynamoDbStreamProperties.PREFIX + ".replica";

    /** The replicated streams of the environment's {@code dynamodb.stream.*} properties, in configuration order. */
    static List<ReplicatedStream> of(Environment environment) {
        DynamoDbStreamProperties properties = Binder.get(environment)
                .bind(DynamoDbStreamProperties.PREFIX, DynamoDbStreamProperties.class)
                .orElseGet(DynamoDbStreamProperties::new);
        return of(properties);
    }

    /** The replicated streams of the properties, in configuration order. */
    static List<ReplicatedStream> of(DynamoDbStreamProperties properties) {
        DynamoDbStreamProperties.Replica defaults = properties.getReplica();
        List<ReplicatedStream> replicated = new ArrayList<>();
        String shorthandName = shorthandName(properties);
        if (shorthandName != null && defaults.isEnabled()) {
            replicated.add(new ReplicatedStream(shorthandName, text(properties.getItemType()), defaults.getMaxItems(),
                    REPLICA + ".max-items", REPLICA + ".enabled"));
        }
        for (Map.Entry<String, DynamoDbStreamProperties.Stream> entry : properties.getStreams().entrySet()) {
            DynamoDbStreamProperties.Stream stream = entry.getValue();
            DynamoDbStreamProperties.StreamReplica replica = stream.getReplica();
            boolean read = stream.getEnabled() == null || stream.getEnabled();
            boolean enabled = replica.getEnabled() != null ? replica.getEnabled() : defaults.isEnabled();
            if (read && enabled) {
                String prefix = DynamoDbStreamProperties.PREFIX + ".streams." + entry.getKey() + ".replica";
                String itemType = text(stream.getItemType()) != null ? text(stream.getItemType())
                        : text(properties.getItemType());
                boolean ownBound = replica.getMaxItems() != null;
                replicated.add(new ReplicatedStream(entry.getKey(), itemType,
                        ownBound ? replica.getMaxItems() : defaults.getMaxItems(),
                        (ownBound ? prefix : REPLICA) + ".max-items", prefix + ".enabled"));
            }
        }
        return replicated;
    }

    /**
     * The name the single-stream shorthand gets: its table's. {@code null} when the shorthand is not used, or its ARN
     * is malformed (the streams' resolution then fails with a message saying so).
     */
    private static String shorthandName(DynamoDbStreamProperties properties) {
        if (text(properties.getStreamArn()) != null) {
            try {
                return StreamArn.parse(text(properties.getStreamArn())).tableName();
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return text(properties.getTableName());
    }

    private static String text(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
