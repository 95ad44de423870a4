package io.github.dynamodbstream.spring.replica;

import io.github.dynamodbstream.spring.ConfiguredStream;
import io.github.dynamodbstream.spring.DynamoDbStreamProperties;
import java.util.ArrayList;
import java.util.List;
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

    /** The replicated streams of the environment's {@code dynamodb.stream.*} properties, in configuration order. */
    static List<ReplicatedStream> of(Environment environment) {
        List<ReplicatedStream> replicated = new ArrayList<>();
        for (ConfiguredStream stream : ConfiguredStream.all(environment)) {
            DynamoDbStreamProperties.Stream settings = stream.settings();
            if (stream.name() != null && settings.isEnabled() && settings.getReplica().isEnabled()) {
                replicated.add(new ReplicatedStream(stream.name(), settings.getItemType(),
                        settings.getReplica().getMaxItems(), stream.property("replica.max-items"),
                        stream.prefix() + ".replica.enabled"));
            }
        }
        return replicated;
    }
}
