package io.github.dynamodbstream.spring;

import io.github.dynamodbstream.core.RetryPolicy;
import io.github.dynamodbstream.core.StartingPosition;
import io.github.dynamodbstream.core.StreamArn;
import io.github.dynamodbstream.core.internal.api.ApiErrors;
import io.github.dynamodbstream.spring.diagnostics.DynamoDbStreamConfigurationException;
import io.github.dynamodbstream.spring.mapping.ItemConverter;
import io.github.dynamodbstream.spring.mapping.ItemConverterFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * Validates the {@code dynamodb.stream.*} properties and turns them into {@link StreamDefinitions}: per-stream
 * values fall back to the top-level ones, table names are resolved to their latest stream ARN with
 * {@code DescribeTable}. Every problem is a {@link DynamoDbStreamConfigurationException} naming the property.
 */
final class StreamDefinitionResolver {

    private static final Logger log = LoggerFactory.getLogger(StreamDefinitionResolver.class);
    private static final String DEFAULT_CONSUMER_NAME = "default";

    private final DynamoDbStreamProperties properties;
    private final String applicationName;
    private final Region clientRegion;
    private final Supplier<DynamoDbClient> dynamoDbClient;
    private final ItemConverterFactory itemConverters;
    private final ClassLoader classLoader;

    /**
     * @param applicationName {@code spring.application.name}, or {@code null}
     * @param clientRegion the region of the DynamoDB Streams client, or {@code null} when unknown
     * @param dynamoDbClient the client that describes tables, asked for only when a table name must be resolved
     */
    StreamDefinitionResolver(DynamoDbStreamProperties properties, String applicationName, Region clientRegion,
            Supplier<DynamoDbClient> dynamoDbClient, ItemConverterFactory itemConverters, ClassLoader classLoader) {
        this.properties = properties;
        this.applicationName = applicationName;
        this.clientRegion = clientRegion;
        this.dynamoDbClient = dynamoDbClient;
        this.itemConverters = itemConverters;
        this.classLoader = classLoader;
    }

    StreamDefinitions resolve() {
        List<StreamDefinition> definitions = new ArrayList<>();
        boolean shorthand = hasText(properties.getStreamArn()) || hasText(properties.getTableName());
        if (shorthand) {
            definitions.add(resolve(null, shorthandStream(), DynamoDbStreamProperties.PREFIX));
        }
        for (Map.Entry<String, DynamoDbStreamProperties.Stream> entry : properties.getStreams().entrySet()) {
            DynamoDbStreamProperties.Stream stream = entry.getValue();
            if (stream.getEnabled() == null || stream.getEnabled()) {
                definitions.add(resolve(entry.getKey(), stream,
                        DynamoDbStreamProperties.PREFIX + ".streams." + entry.getKey()));
            }
        }
        if (definitions.isEmpty() && !shorthand && properties.getStreams().isEmpty()) {
            throw new DynamoDbStreamConfigurationException("No DynamoDB stream is configured: neither "
                    + "dynamodb.stream.table-name nor dynamodb.stream.stream-arn is set, and dynamodb.stream.streams "
                    + "is empty.", "Set dynamodb.stream.table-name to the name of a table with a stream (or "
                    + "dynamodb.stream.stream-arn to the stream's ARN), or set dynamodb.stream.enabled=false to "
                    + "turn the starter off.");
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

    /** The top-level keys as one stream; every other key falls back to the top level anyway. */
    private DynamoDbStreamProperties.Stream shorthandStream() {
        DynamoDbStreamProperties.Stream stream = new DynamoDbStreamProperties.Stream();
        stream.setStreamArn(properties.getStreamArn());
        stream.setTableName(properties.getTableName());
        return stream;
    }

    private StreamDefinition resolve(String name, DynamoDbStreamProperties.Stream stream, String prefix) {
        String itemTypeName = hasText(stream.getItemType()) ? stream.getItemType() : properties.getItemType();
        String itemTypeProperty = (hasText(stream.getItemType()) ? prefix : DynamoDbStreamProperties.PREFIX)
                + ".item-type";
        Class<?> itemType = loadItemType(itemTypeName, itemTypeProperty);
        ItemConverter<?> converter = itemConverters.converterFor(itemType, itemTypeProperty);
        int maxRecords = stream.getMaxRecords() != null ? stream.getMaxRecords() : properties.getMaxRecords();
        if (maxRecords < 1 || maxRecords > 1000) {
            throw new DynamoDbStreamConfigurationException(prefix + ".max-records is " + maxRecords
                    + ", but GetRecords returns 1 to 1000 records per call.",
                    "Set " + prefix + ".max-records to a number from 1 to 1000 (default 1000).");
        }
        Duration pollInterval = positive(
                or(stream.getPollInterval(), properties.getPollInterval()), prefix + ".poll-interval", true);
        Duration discoveryInterval = positive(or(stream.getShardDiscoveryInterval(),
                properties.getShardDiscoveryInterval()), prefix + ".shard-discovery-interval", false);
        StreamArn streamArn = streamArn(name, stream, prefix);
        return new StreamDefinition(
                name != null ? name : streamArn.tableName(),
                streamArn,
                itemType,
                converter,
                or(stream.getStartingPosition(), properties.getStartingPosition(), StartingPosition.LATEST),
                pollInterval,
                maxRecords,
                discoveryInterval,
                consumerName(stream),
                retry(stream.getRetry(), prefix),
                or(stream.getOnFailure(), properties.getOnFailure()),
                maxRecordAge(stream, prefix),
                or(stream.getListenerMode(), properties.getListenerMode()),
                RecordFilters.of(properties.getFilter(), stream.getFilter(), prefix));
    }

    private Duration maxRecordAge(DynamoDbStreamProperties.Stream stream, String prefix) {
        Duration age = stream.getMaxRecordAge() != null ? stream.getMaxRecordAge() : properties.getMaxRecordAge();
        String property = (stream.getMaxRecordAge() != null ? prefix : DynamoDbStreamProperties.PREFIX)
                + ".max-record-age";
        return age == null ? null : positive(age, property, false);
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

    private StreamArn streamArn(String name, DynamoDbStreamProperties.Stream stream, String prefix) {
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
        throw new DynamoDbStreamConfigurationException("The DynamoDB stream '" + name + "' has neither "
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

    private String consumerName(DynamoDbStreamProperties.Stream stream) {
        if (hasText(stream.getConsumerName())) {
            return stream.getConsumerName().trim();
        }
        if (hasText(properties.getConsumerName())) {
            return properties.getConsumerName().trim();
        }
        return hasText(applicationName) ? applicationName.trim() : DEFAULT_CONSUMER_NAME;
    }

    private RetryPolicy retry(DynamoDbStreamProperties.StreamRetry stream, String prefix) {
        DynamoDbStreamProperties.Retry defaults = properties.getRetry();
        int maxAttempts = stream.getMaxAttempts() != null ? stream.getMaxAttempts() : defaults.getMaxAttempts();
        Duration initial = or(stream.getInitialBackoff(), defaults.getInitialBackoff());
        Duration max = or(stream.getMaxBackoff(), defaults.getMaxBackoff());
        if (maxAttempts < 1) {
            throw new DynamoDbStreamConfigurationException(prefix + ".retry.max-attempts is " + maxAttempts
                    + ", but it counts every delivery of a batch, the first one included.",
                    "Set " + prefix + ".retry.max-attempts to 1 (no retry) or more.");
        }
        if (initial == null || max == null || initial.isNegative() || max.compareTo(initial) < 0) {
            throw new DynamoDbStreamConfigurationException(prefix + ".retry.initial-backoff (" + initial
                    + ") and max-backoff (" + max + ") are not 0 <= initial-backoff <= max-backoff.",
                    "Set " + prefix + ".retry.max-backoff to at least " + prefix + ".retry.initial-backoff.");
        }
        return RetryPolicy.of(maxAttempts, initial, max);
    }

    private static Duration positive(Duration value, String property, boolean zeroAllowed) {
        if (value == null || value.isNegative() || (!zeroAllowed && value.isZero())) {
            throw new DynamoDbStreamConfigurationException(property + " is " + value + ", but it must be "
                    + (zeroAllowed ? "zero or more." : "more than zero."), "Set " + property
                    + " to a duration such as 1s or 500ms.");
        }
        return value;
    }

    @SafeVarargs
    private static <T> T or(T... values) {
        for (T value : values) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private static boolean hasText(String value) {
        return value != null && !value.isBlank();
    }
}
