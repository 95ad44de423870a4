package io.github.dynamodbstream.spring.poller;

import io.github.dynamodbstream.spring.DynamoDbStreamProperties;
import io.github.dynamodbstream.spring.diagnostics.DynamoDbStreamConfigurationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.util.ClassUtils;

/**
 * Fails the start, naming the dependency to add, when {@code dynamodb.stream.coordination} is {@code kcl} but the
 * {@code dynamodb-stream-kcl} module or the Kinesis Client Library it needs is not on the class path: without this,
 * no auto-configuration would read the streams and the application would start without consuming anything.
 * It also refuses a replica ({@code dynamodb.stream.replica.enabled}) in this mode. The checks run when this
 * configuration is created, early in the start.
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(name = DynamoDbStreamProperties.PREFIX + ".enabled", matchIfMissing = true)
@ConditionalOnProperty(name = DynamoDbStreamProperties.PREFIX + ".coordination", havingValue = "kcl")
public final class KclCoordinationRequirement {

    private static final String[][] REQUIRED = {
        {"io.github.dynamodbstream.kcl.DynamoDbStreamKclAutoConfiguration",
            "io.github.dynamodbstream:dynamodb-stream-kcl"},
        {"software.amazon.kinesis.coordinator.Scheduler", "software.amazon.kinesis:amazon-kinesis-client"},
        {"com.amazonaws.services.dynamodbv2.streamsadapter.StreamsSchedulerFactory",
            "com.amazonaws:dynamodb-streams-kinesis-adapter"},
    };

    KclCoordinationRequirement(ResourceLoader resourceLoader, Environment environment) {
        requireNoReplica(environment);
        ClassLoader classLoader = resourceLoader.getClassLoader();
        List<String> missing = new ArrayList<>();
        for (String[] requirement : REQUIRED) {
            if (!ClassUtils.isPresent(requirement[0], classLoader)) {
                missing.add(requirement[1]);
            }
        }
        if (!missing.isEmpty()) {
            throw new DynamoDbStreamConfigurationException(
                    "dynamodb.stream.coordination is kcl, but " + String.join(" and ", missing)
                            + (missing.size() == 1 ? " is" : " are") + " not on the class path, so nothing would read the streams.",
                    "Add the dependency io.github.dynamodbstream:dynamodb-stream-kcl (it brings the Kinesis Client "
                            + "Library and the DynamoDB Streams Kinesis Adapter), or set dynamodb.stream.coordination "
                            + "to none to have every instance read every shard.");
        }
    }

    /**
     * A replica is a full copy of the table in each instance, fed by that instance reading every shard; with
     * competing consumers each instance sees only its own shards, so its replica would silently miss items.
     */
    private static void requireNoReplica(Environment environment) {
        Binder binder = Binder.get(environment);
        boolean everyStream = binder.bind(DynamoDbStreamProperties.PREFIX + ".replica.enabled", Boolean.class)
                .orElse(false);
        Map<String, Object> streams = binder.bind(DynamoDbStreamProperties.PREFIX + ".streams",
                Bindable.mapOf(String.class, Object.class)).orElse(Map.of());
        boolean replicated = streams.isEmpty() && everyStream;
        for (String stream : streams.keySet()) {
            replicated |= binder.bind(DynamoDbStreamProperties.PREFIX + ".streams." + stream + ".replica.enabled",
                    Boolean.class).orElse(everyStream);
        }
        if (replicated) {
            throw new DynamoDbStreamConfigurationException(
                    "dynamodb.stream.coordination is kcl and a replica is enabled, but with competing consumers each "
                            + "instance reads only some of the shards, so its replica would miss items.",
                    "Keep replicas in broadcast mode (dynamodb.stream.coordination=none), or turn "
                            + "dynamodb.stream.replica.enabled off.");
        }
    }
}
