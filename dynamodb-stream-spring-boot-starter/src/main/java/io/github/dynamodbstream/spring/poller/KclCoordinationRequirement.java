package io.github.dynamodbstream.spring.poller;

import io.github.dynamodbstream.spring.DynamoDbStreamProperties;
import io.github.dynamodbstream.spring.diagnostics.DynamoDbStreamConfigurationException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.io.ResourceLoader;
import org.springframework.util.ClassUtils;

/**
 * Fails the start, naming the dependency to add, when {@code dynamodb.stream.coordination} is {@code kcl} but the
 * {@code dynamodb-stream-kcl} module or the Kinesis Client Library it needs is not on the class path: without this,
 * no auto-configuration would read the streams and the application would start without consuming anything.
 * The check runs when this configuration is created, early in the start. (A replica in this mode is refused by the
 * replica's own auto-configuration, which knows which streams are replicated.)
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

    KclCoordinationRequirement(ResourceLoader resourceLoader) {
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
}
