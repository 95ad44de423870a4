package io.github.dynamodbstream.core.internal.replica;

import io.github.dynamodbstream.core.replica.ReplicaFailedException;
import io.github.dynamodbstream.core.replica.ReplicaFailedException.Reason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * The replicated table as described at start: its stream and key schema, checked to carry new images.
 *
 * @param tableName the table's name
 * @param streamArn the stream the replica follows
 * @param keySchema the table's key attributes
 */
public record ReplicaTable(String tableName, String streamArn, KeySchema keySchema) {

    private static final Logger log = LoggerFactory.getLogger(ReplicaTable.class);

    /**
     * Describes the table ({@code DescribeTable}) and its stream ({@code DescribeStream} when a streams client is
     * given), and checks that the stream's view type holds new images.
     *
     * @param streamArn the stream to follow, or {@code null} for the table's latest stream
     * @param streams a streams client, or {@code null} to read the view type from the table's description
     * @throws ReplicaFailedException when the table does not exist, has no stream, or its view type holds no new
     *         images
     */
    static ReplicaTable describe(DynamoDbClient dynamoDb, DynamoDbStreamsClient streams, String tableName,
            String streamArn) {
        log.debug("DescribeTable {}", tableName);
        TableDescription table;
        try {
            table = dynamoDb.describeTable(request -> request.tableName(tableName)).table();
        } catch (ResourceNotFoundException e) {
            throw new ReplicaFailedException(Reason.TABLE_NOT_FOUND, tableName, "Table '" + tableName
                    + "' does not exist (DescribeTable answered ResourceNotFoundException). Check the table name and"
                    + " the region and endpoint of the DynamoDbClient.", e);
        }
        String arn = streamArn != null ? streamArn : table.latestStreamArn();
        StreamSpecification specification = table.streamSpecification();
        boolean enabled = specification != null && Boolean.TRUE.equals(specification.streamEnabled());
        if (arn == null || (streamArn == null && !enabled)) {
            throw new ReplicaFailedException(Reason.NO_STREAM, tableName, "Table '" + tableName + "' has no stream,"
                    + " and a replica follows the table's stream. Enable one with new images: aws dynamodb"
                    + " update-table --table-name " + tableName
                    + " --stream-specification StreamEnabled=true,StreamViewType=NEW_AND_OLD_IMAGES");
        }
        StreamViewType viewType = streams != null ? describeViewType(streams, arn)
                : specification == null ? null : specification.streamViewType();
        if (viewType != StreamViewType.NEW_IMAGE && viewType != StreamViewType.NEW_AND_OLD_IMAGES) {
            throw new ReplicaFailedException(Reason.VIEW_TYPE, tableName, "The stream of table '" + tableName
                    + "' has view type " + viewType + ", which holds no new images; a replica needs NEW_IMAGE or"
                    + " NEW_AND_OLD_IMAGES to know what each change wrote. A stream's view type cannot be changed:"
                    + " turn the stream off and on again, which makes a new stream (UpdateTable with"
                    + " StreamEnabled=false,"
                    + " then with StreamEnabled=true and StreamViewType=NEW_AND_OLD_IMAGES; aws dynamodb update-table"
                    + " --table-name " + tableName + " --stream-specification StreamEnabled=false, then --stream-"
                    + "specification StreamEnabled=true,StreamViewType=NEW_AND_OLD_IMAGES). Consumers of the old"
                    + " stream must move to the new stream's ARN.");
        }
        return new ReplicaTable(tableName, arn, KeySchema.of(table));
    }

    private static StreamViewType describeViewType(DynamoDbStreamsClient streams, String streamArn) {
        log.debug("DescribeStream {}", streamArn);
        return streams.describeStream(request -> request.streamArn(streamArn).limit(1))
                .streamDescription().streamViewType();
    }
}
