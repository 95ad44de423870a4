package io.github.dynamodbstream.spring;

import io.github.dynamodbstream.core.StreamArn;
import io.github.dynamodbstream.core.failure.RetryBackoff;
import io.github.dynamodbstream.core.internal.api.ApiErrors;
import io.github.dynamodbstream.spring.diagnostics.DynamoDbStreamConfigurationException;
import io.github.dynamodbstream.spring.mapping.ItemConverter;
import io.github.dynamodbstream.spring.mapping.ItemConverterFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.ClassUtils;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/**
 * Validates the streams' settings ({@link ConfiguredStream}: each key a stream does not set is already the top-level
 * one) and turns them into {@link StreamDefinitions}, table names resolved to their latest stream ARN with
 * {@code DescribeTable}. Every problem is a {@link DynamoDbStreamConfigurationException} naming the property that
 * set the value.
 */
final class StreamDefinitionResolver {

    private static final Logger log = LoggerFactory.getLogger(StreamDefinitionResolver.class);
    private static final String DEFAULT_CONSUMER_NAME = "default";

    private final List<ConfiguredStream> configured;
    private final String applicationName;
    private final Region clientRegion;
    private final Supplier<DynamoDbClient> dynamoDbClient;
    private final ItemConverterFactory itemConverters;
    private final ClassLoader classLoader;

    /**
     * @param configured the streams of the properties, with their settings after fallback
     * @param applicationName {@code spring.application.name}, or {@code null}
     * @param clientRegion the region of the DynamoDB Streams client, or {@code null} when unknown
     * @param dynamoDbClient the client that describes tables, asked for only when a table name must be resolved
     */
    StreamDefinitionResolver(List<ConfiguredStream> configured, String applicationName, Region clientRegion,
            Supplier<DynamoDbClient> dynamoDbClient, ItemConverterFactory itemConverters, ClassLoader classLoader) {
        this.configured = configured;
        this.applicationName = applicationName;
        this.clientRegion = clientRegion;
        this.dynamoDbClient = dynamoDbClient;
        this.itemConverters = itemConverters;
        this.classLoader = classLoader;
    }

    StreamDefinitions resolve() {
        if (configured.isEmpty()) {
            throw new DynamoDbStreamConfigurationException("No DynamoDB stream is configured: neither "
                    + "dynamodb.stream.table-name nor dynamodb.stream.stream-arn is set, and dynamodb.stream.streams "
                    + "is empty.", "Set dynamodb.stream.table-name to the name of a table with a stream (or "
                    + "dynamodb.stream.stream-arn to the stream's ARN), or set dynamodb.stream.enabled=false to "
                    + "turn the starter off.");
        }
        List<StreamDefinition> definitions = new ArrayList<>();
        for (ConfiguredStream stream : configured) {
            if (stream.settings().isEnabled()) {
                definitions.add(resolve(stream));
            }
        }
        for (int i = 0; i < definitions.size(); i++) {
            for (int j = 0; j < i; j++) {
                if (definitions.get(i).name().equals(definitions.get(j).name())) {
                    throw new DynamoDbStreamConfigurationException("Two streams are named '"
                            + definitions.get(i).name() + "': the one of dynamodb.stream.table-name or stream-arn, "
                            + "which is named after its table, and dynamodb.stream.streams."
                            + definitions.get(i).name() + ".", "Configure that stream only once, either with the "
                            + "top-level keys or under dynamodb.stream.streams.");
                }
            }
        }
        StreamDefinitions resolved = new StreamDefinitions(definitions);
        resolved.forEach(definition -> log.info("DynamoDB stream '{}': {} (consumer '{}', items as {})",
                definition.name(), definition.streamArn(), definition.consumerName(),
                definition.itemConverter().itemType()));
        return resolved;
    }

    private StreamDefinition resolve(ConfiguredStream configuredStream) {
        StreamProperties stream = configuredStream.settings();
        String itemTypeProperty = configuredStream.property("item-type");
        Class<?> itemType = loadItemType(stream.getItemType(), itemTypeProperty);
        ItemConverter<?> converter = itemConverters.converterFor(itemType, itemTypeProperty);
        int maxRecords = stream.getMaxRecords();
        if (maxRecords < 1 || maxRecords > 1000) {
            String property = configuredStream.property("max-records");
            throw new DynamoDbStreamConfigurationException(property + " is " + maxRecords
                    + ", but GetRecords returns 1 to 1000 records per call.",
                    "Set " + property + " to a number from 1 to 1000 (default 1000).");
        }
        Duration pollInterval = positive(stream.getPollInterval(), configuredStream.property("poll-interval"), true);
        Duration discoveryInterval = positive(stream.getShardDiscoveryInterval(),
                configuredStream.property("shard-discovery-interval"), false);
        Duration maxRecordAge = stream.getMaxRecordAge() == null ? null
                : positive(stream.getMaxRecordAge(), configuredStream.property("max-record-age"), false);
        StreamArn streamArn = streamArn(configuredStream, stream, configuredStream.prefix());
        return new StreamDefinition(
                configuredStream.shorthand() ? streamArn.tableName() : configuredStream.name(),
                streamArn,
                itemType,
                converter,
                stream.getStartingPosition(),
                pollInterval,
                maxRecords,
                discoveryInterval,
                consumerName(stream),
                retry(configuredStream),
                stream.getOnFailure(),
                maxRecordAge,
                stream.getListenerMode(),
                RecordFilters.of(stream.getFilter(), configuredStream.property("filter.condition")));
    }

    private Class<?> loadItemType(String className, String property) {
        if (!hasText(className)) {
            return null;
        }
        try {
            return ClassUtils.forName(className.trim(), classLoader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new DynamoDbStreamConfigurationException("The class '" + className.trim() + "' of " + property
                    + " was not found (" + e + ").", "Check the fully qualified class name (package and class, a "
                    + "nested class as Outer$Inner or Outer.Inner) and that the class is on the class path, or "
                    + "remove " + property + " to receive items as maps.", e);
        }
    }

    private StreamArn streamArn(ConfiguredStream configured, StreamProperties stream, String prefix) {
        if (hasText(stream.getStreamArn())) {
            StreamArn arn = parse(stream.getStreamArn().trim(), prefix + ".stream-arn");
            if (hasText(stream.getTableName()) && !stream.getTableName().trim().equals(arn.tableName())) {
                throw new DynamoDbStreamConfigurationException(prefix + ".stream-arn is a stream of table '"
                        + arn.tableName() + "', but " + prefix + ".table-name is '" + stream.getTableName().trim()
                        + "'.", "Set only one of the two: the stream ARN, or the table name.");
            }
            checkRegion(arn, prefix + ".stream-arn");
            return arn;
        }
        if (hasText(stream.getTableName())) {
            return latestStreamArn(stream.getTableName().trim(), prefix + ".table-name");
        }
        throw new DynamoDbStreamConfigurationException("The DynamoDB stream '" + configured.name() + "' has neither "
                + prefix + ".stream-arn nor " + prefix + ".table-name.", "Set " + prefix + ".table-name to the "
                + "name of a table with a stream, or " + prefix + ".stream-arn to the stream's ARN, or set "
                + prefix + ".enabled=false.");
    }

    private static StreamArn parse(String arn, String property) {
        try {
            return StreamArn.parse(arn);
        } catch (IllegalArgumentException e) {
            throw new DynamoDbStreamConfigurationException(property + ": " + e.getMessage(), "Copy the stream ARN "
                    + "from the table's LatestStreamArn (aws dynamodb describe-table --table-name <table> --query "
                    + "Table.LatestStreamArn), or set the table name instead and let the starter look it up.", e);
        }
    }

    private void checkRegion(StreamArn arn, String property) {
        if (clientRegion != null && !clientRegion.id().equals(arn.region())) {
            throw new DynamoDbStreamConfigurationException(property + " is a stream in region " + arn.region()
                    + ", but the DynamoDB Streams client calls region " + clientRegion.id() + ".",
                    "Set dynamodb.stream.region=" + arn.region() + " (or AWS_REGION) so that the client calls the "
                    + "stream's region, or use the ARN of a stream in " + clientRegion.id() + ".");
        }
    }

    private StreamArn latestStreamArn(String tableName, String property) {
        TableDescription table;
        try {
            log.debug("DescribeTable {}", tableName);
            table = dynamoDbClient.get().describeTable(request -> request.tableName(tableName)).table();
        } catch (ResourceNotFoundException e) {
            throw new DynamoDbStreamConfigurationException("The table '" + tableName + "' of " + property
                    + " does not exist" + inRegion() + ".", "Check the table name and the region "
                    + "(dynamodb.stream.region, or AWS_REGION), or create the table with a stream.", e);
        } catch (SdkException e) {
            if (ApiErrors.isMissingCredentials(e)) {
                throw new DynamoDbStreamConfigurationException("Cannot describe the table '" + tableName + "' of "
                        + property + ": " + ApiErrors.describe(e) + ".", "Set dynamodb.stream.credentials."
                        + "access-key-id and secret-access-key (for local emulators and tests), or give the "
                        + "application credentials the AWS SDK finds: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, "
                        + "AWS_PROFILE, or a role of the instance, task or pod.", e);
            }
            throw new DynamoDbStreamConfigurationException("Cannot describe the table '" + tableName + "' of "
                    + property + inRegion() + ": " + e.getMessage(), "Check the network, the credentials and the "
                    + "IAM permission dynamodb:DescribeTable on the table; or set the stream's ARN "
                    + "(stream-arn) instead of its table name.", e);
        }
        boolean enabled = table.streamSpecification() != null
                && Boolean.TRUE.equals(table.streamSpecification().streamEnabled());
        if (!enabled || table.latestStreamArn() == null) {
            throw new DynamoDbStreamConfigurationException("The table '" + tableName + "' of " + property
                    + " has no stream enabled, so there are no changes to read.", "Enable its stream, for "
                    + "example: aws dynamodb update-table --table-name " + tableName + " --stream-specification "
                    + "StreamEnabled=true,StreamViewType=NEW_AND_OLD_IMAGES");
        }
        StreamArn arn = parse(table.latestStreamArn(), property);
        checkRegion(arn, property);
        return arn;
    }

    private String inRegion() {
        return clientRegion != null ? " in region " + clientRegion.id() : "";
    }

    private String consumerName(StreamProperties stream) {
        if (hasText(stream.getConsumerName())) {
            return stream.getConsumerName().trim();
        }
        return hasText(applicationName) ? applicationName.trim() : DEFAULT_CONSUMER_NAME;
    }

    private static RetryBackoff retry(ConfiguredStream stream) {
        StreamProperties.Retry retry = stream.settings().getRetry();
        int maxAttempts = retry.getMaxAttempts();
        Duration initial = retry.getInitialBackoff();
        Duration max = retry.getMaxBackoff();
        if (maxAttempts < 1) {
            String property = stream.property("retry.max-attempts");
            throw new DynamoDbStreamConfigurationException(property + " is " + maxAttempts
                    + ", but it counts every delivery of a failing record, the first one included.",
                    "Set " + property + " to 1 (no retry) or more.");
        }
        if (initial == null || max == null || initial.isNegative() || max.compareTo(initial) < 0) {
            String initialProperty = stream.property("retry.initial-backoff");
            String maxProperty = stream.property("retry.max-backoff");
            throw new DynamoDbStreamConfigurationException(initialProperty + " (" + initial + ") and "
                    + maxProperty + " (" + max + ") are not 0 <= initial-backoff <= max-backoff.",
                    "Set " + maxProperty + " to at least " + initialProperty + ".");
        }
        return RetryBackoff.of(maxAttempts, initial, max);
    }

    private static Duration positive(Duration value, String property, boolean zeroAllowed) {
        if (value == null || value.isNegative() || (!zeroAllowed && value.isZero())) {
            throw new DynamoDbStreamConfigurationException(property + " is " + value + ", but it must be "
                    + (zeroAllowed ? "zero or more." : "more than zero."), "Set " + property
                    + " to a duration such as 1s or 500ms.");
        }
        return value;
    }

    private static boolean hasText(String value) {
        return value != null && !value.isBlank();
    }
}
