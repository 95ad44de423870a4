package io.github.dynamodbstream.test.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.github.dynamodbstream.core.DynamoDbStreamException;
import io.github.dynamodbstream.core.checkpoint.CheckpointConflictException;
import io.github.dynamodbstream.core.checkpoint.ShardCheckpoint;
import io.github.dynamodbstream.core.checkpoint.ShardStateRepository;
import io.github.dynamodbstream.core.dynamodb.DynamoDbShardStateRepository;
import io.github.dynamodbstream.emulator.DynamoDbEmulatorExtension;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/** The contract on the DynamoDB store, on the emulator; and what only that store does (its table, its items, owners). */
class DynamoDbShardStateRepositoryTests extends ShardStateRepositoryContract {

    @RegisterExtension
    static final DynamoDbEmulatorExtension EMULATOR = DynamoDbEmulatorExtension.create();

    private final DynamoDbShardStateRepository repository = newRepository();

    @Override
    protected ShardStateRepository repository() {
        return repository;
    }

    private static DynamoDbShardStateRepository newRepository() {
        return DynamoDbShardStateRepository.builder()
                .dynamoDbClient(EMULATOR.dynamoDbClient())
                .createTableIfMissing(true)
                .build();
    }

    private static DynamoDbClient dynamoDb() {
        return EMULATOR.dynamoDbClient();
    }

    @Test
    void createsItsTableOnDemandWithTheDocumentedKey() {
        String tableName = "checkpoints-" + UUID.randomUUID();

        DynamoDbShardStateRepository created = DynamoDbShardStateRepository.builder()
                .dynamoDbClient(dynamoDb()).tableName(tableName).createTableIfMissing(true).build();

        TableDescription table = dynamoDb().describeTable(request -> request.tableName(tableName)).table();
        assertThat(created.tableName()).isEqualTo(tableName);
        assertThat(table.tableStatus()).isEqualTo(TableStatus.ACTIVE);
        assertThat(table.keySchema()).containsExactly(
                KeySchemaElement.builder().attributeName("consumerStream").keyType(KeyType.HASH).build(),
                KeySchemaElement.builder().attributeName("shardId").keyType(KeyType.RANGE).build());
        assertThat(table.attributeDefinitions()).allSatisfy(
                attribute -> assertThat(attribute.attributeType()).isEqualTo(ScalarAttributeType.S));
        assertThat(table.billingModeSummary().billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
    }

    @Test
    void usesAnExistingTableAndItsCheckpoints() {
        repository().save(consumer, stream, checkpoint("shard-1", "42"));

        DynamoDbShardStateRepository second = DynamoDbShardStateRepository.builder()
                .dynamoDbClient(dynamoDb()).createTableIfMissing(true).build();

        assertThat(second.tableName()).isEqualTo(DynamoDbShardStateRepository.DEFAULT_TABLE_NAME);
        assertThat(second.load(consumer, stream)).containsOnly(Map.entry("shard-1", checkpoint("shard-1", "42")));
    }

    @Test
    void aMissingTableIsAClearErrorWhenNotToBeCreated() {
        assertThatExceptionOfType(DynamoDbStreamException.class)
                .isThrownBy(() -> DynamoDbShardStateRepository.builder()
                        .dynamoDbClient(dynamoDb()).tableName("no-such-checkpoints").build())
                .withMessageContaining("The checkpoint table 'no-such-checkpoints' does not exist")
                .withMessageContaining("createTableIfMissing(true)");
    }

    @Test
    void aTableWithAnotherKeyIsRejected() {
        String tableName = "not-checkpoints-" + UUID.randomUUID();
        dynamoDb().createTable(request -> request.tableName(tableName)
                .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build())
                .attributeDefinitions(definition -> definition.attributeName("id").attributeType(ScalarAttributeType.S))
                .billingMode(BillingMode.PAY_PER_REQUEST));

        assertThatExceptionOfType(DynamoDbStreamException.class)
                .isThrownBy(() -> DynamoDbShardStateRepository.builder()
                        .dynamoDbClient(dynamoDb()).tableName(tableName).build())
                .withMessageContaining("The table '" + tableName + "' is not a checkpoint table")
                .withMessageContaining("Choose another tableName");
    }

    @Test
    void theBuilderNeedsAClientAndAValidTableName() {
        assertThatExceptionOfType(IllegalStateException.class)
                .isThrownBy(() -> DynamoDbShardStateRepository.builder().build())
                .withMessageContaining("dynamoDbClient(...)");
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> DynamoDbShardStateRepository.builder()
                        .dynamoDbClient(dynamoDb()).tableName("a b").build())
                .withMessageContaining("Invalid checkpoint table name 'a b'");
    }

    @Test
    void storesTheDocumentedAttributes() {
        DynamoDbShardStateRepository repository = newRepository();
        repository.save(consumer, stream, finished("shard-1", "12345"));

        Map<String, AttributeValue> item = rawItem("shard-1");

        assertThat(item.get("consumerStream").s()).isEqualTo(consumer + "|" + stream);
        assertThat(item.get("shardId").s()).isEqualTo("shard-1");
        assertThat(item.get("consumerName").s()).isEqualTo(consumer);
        assertThat(item.get("streamArn").s()).isEqualTo(stream);
        assertThat(item.get("sequenceNumber").s()).isEqualTo("12345");
        assertThat(item.get("finished").bool()).isTrue();
        assertThat(item.get("updatedAt").s()).isEqualTo(finished("shard-1", "12345").updatedAt().toString());
        assertThat(item.get("owner").s()).isEqualTo(repository.ownerId());
        assertThat(item.get("schemaVersion").n()).isEqualTo("1");
    }

    @Test
    void twoPollersSharingAConsumerNameAreDetected() {
        DynamoDbShardStateRepository first = newRepository();
        DynamoDbShardStateRepository second = newRepository();
        first.takeOver(consumer, stream);
        second.takeOver(consumer, stream);
        first.save(consumer, stream, checkpoint("shard-1", "100"));

        assertThatExceptionOfType(CheckpointConflictException.class)
                .isThrownBy(() -> second.save(consumer, stream, checkpoint("shard-1", "200")))
                .withMessageContaining("consumer '" + consumer + "'")
                .withMessageContaining(stream)
                .withMessageContaining("shard shard-1")
                .withMessageContaining("written by another poller (owner " + first.ownerId() + ", sequence number 100")
                .withMessageContaining("this poller (owner " + second.ownerId() + ") tried to save sequence number 200")
                .withMessageContaining("give each its own consumer name");
        assertThat(rawItem("shard-1").get("owner").s()).isEqualTo(first.ownerId());
        assertThat(first.load(consumer, stream).get("shard-1").sequenceNumber()).isEqualTo("100");
    }

    @Test
    void aPollerStartedWhileAnotherRunsIsDetectedByTheOneThatFallsBehind() {
        DynamoDbShardStateRepository running = newRepository();
        running.takeOver(consumer, stream);
        running.save(consumer, stream, checkpoint("shard-1", "100"));
        DynamoDbShardStateRepository started = newRepository();
        started.takeOver(consumer, stream);
        started.save(consumer, stream, checkpoint("shard-1", "150"));

        assertThatExceptionOfType(CheckpointConflictException.class)
                .isThrownBy(() -> running.save(consumer, stream, checkpoint("shard-1", "200")))
                .withMessageContaining("owner " + started.ownerId() + ", sequence number 150");
        assertThatExceptionOfType(CheckpointConflictException.class)
                .isThrownBy(() -> running.remove(consumer, stream, "shard-1"))
                .withMessageContaining("tried to remove it");
        assertThat(started.load(consumer, stream).get("shard-1").sequenceNumber()).isEqualTo("150");
    }

    @Test
    void readingTheCheckpointsClaimsNothing() {
        DynamoDbShardStateRepository first = newRepository();
        DynamoDbShardStateRepository second = newRepository();
        first.takeOver(consumer, stream);
        second.takeOver(consumer, stream);
        first.save(consumer, stream, checkpoint("shard-1", "100"));
        assertThatExceptionOfType(CheckpointConflictException.class)
                .isThrownBy(() -> second.save(consumer, stream, checkpoint("shard-1", "200")));

        assertThat(second.load(consumer, stream).get("shard-1").sequenceNumber()).isEqualTo("100");

        assertThatExceptionOfType(CheckpointConflictException.class)
                .as("a read, such as the endpoint's, does not let the second poller take the shard over")
                .isThrownBy(() -> second.save(consumer, stream, checkpoint("shard-1", "300")));
        first.save(consumer, stream, checkpoint("shard-1", "400"));
        assertThat(rawItem("shard-1").get("owner").s()).isEqualTo(first.ownerId());
    }

    @Test
    void aRestartedPollerThatOnlyReadsTheCheckpointsCannotOverwriteThem() {
        DynamoDbShardStateRepository previousRun = newRepository();
        previousRun.save(consumer, stream, checkpoint("shard-1", "100"));

        DynamoDbShardStateRepository reader = newRepository();
        reader.load(consumer, stream);

        assertThatExceptionOfType(CheckpointConflictException.class)
                .isThrownBy(() -> reader.save(consumer, stream, checkpoint("shard-1", "300")));
    }

    @Test
    void aRestartedPollerTakesOverTheCheckpointsOfThePreviousRun() {
        DynamoDbShardStateRepository previousRun = newRepository();
        previousRun.save(consumer, stream, checkpoint("shard-1", "100"));
        previousRun.save(consumer, stream, finished("shard-2", "50"));

        DynamoDbShardStateRepository restarted = newRepository();
        Map<String, ShardCheckpoint> loaded = restarted.takeOver(consumer, stream);
        restarted.save(consumer, stream, checkpoint("shard-1", "300"));
        restarted.remove(consumer, stream, "shard-2");

        assertThat(loaded).containsOnlyKeys("shard-1", "shard-2");
        assertThat(restarted.load(consumer, stream)).containsOnly(Map.entry("shard-1", checkpoint("shard-1", "300")));
        assertThat(rawItem("shard-1").get("owner").s()).isEqualTo(restarted.ownerId());
    }

    @Test
    void aCheckpointWithoutLoadIsNotTakenFromAnotherOwner() {
        DynamoDbShardStateRepository previousRun = newRepository();
        previousRun.save(consumer, stream, checkpoint("shard-1", "100"));

        assertThatExceptionOfType(CheckpointConflictException.class)
                .isThrownBy(() -> newRepository().save(consumer, stream, checkpoint("shard-1", "300")))
                .withMessageContaining("written by another poller (owner " + previousRun.ownerId());
    }

    @Test
    void aCheckpointOfANewerSchemaVersionIsRejectedAndLeftAsItWas() {
        repository().save(consumer, stream, checkpoint("shard-1", "100"));
        Map<String, AttributeValue> future = new HashMap<>(rawItem("shard-1"));
        future.put("schemaVersion", AttributeValue.fromN("2"));
        future.put("position", AttributeValue.fromS("a new layout"));
        dynamoDb().putItem(request -> request.tableName(DynamoDbShardStateRepository.DEFAULT_TABLE_NAME).item(future));

        assertThatExceptionOfType(DynamoDbStreamException.class)
                .isThrownBy(() -> newRepository().load(consumer, stream))
                .withMessageContaining("shardId='shard-1'")
                .withMessageContaining("schema version 2, newer than version 1")
                .withMessageContaining("Upgrade dynamodb-stream");
        assertThatExceptionOfType(DynamoDbStreamException.class)
                .isThrownBy(() -> repository().save(consumer, stream, checkpoint("shard-1", "200")))
                .withMessageContaining("schema version 2");
        assertThat(rawItem("shard-1")).isEqualTo(future);
    }

    @Test
    void aMalformedCheckpointIsRejectedNotMisread() {
        repository().save(consumer, stream, checkpoint("shard-1", "100"));
        Map<String, AttributeValue> malformed = new HashMap<>(rawItem("shard-1"));
        malformed.put("sequenceNumber", AttributeValue.fromS("one hundred"));
        dynamoDb().putItem(request -> request.tableName(DynamoDbShardStateRepository.DEFAULT_TABLE_NAME)
                .item(malformed));

        assertThatExceptionOfType(DynamoDbStreamException.class)
                .isThrownBy(() -> repository().load(consumer, stream))
                .withMessageContaining("cannot be read")
                .withMessageContaining("one hundred")
                .withMessageContaining("Delete the item, or fix it");
        malformed.remove("finished");
        dynamoDb().putItem(request -> request.tableName(DynamoDbShardStateRepository.DEFAULT_TABLE_NAME)
                .item(malformed));
        assertThatExceptionOfType(DynamoDbStreamException.class)
                .isThrownBy(() -> repository().load(consumer, stream))
                .withMessageContaining("'finished' is missing or not a boolean");
    }

    @Test
    void aFailedCallNamesTheTableAndThePermissionToCheck() {
        String tableName = "dropped-" + UUID.randomUUID();
        DynamoDbShardStateRepository dropped = DynamoDbShardStateRepository.builder()
                .dynamoDbClient(dynamoDb()).tableName(tableName).createTableIfMissing(true).build();
        dynamoDb().deleteTable(request -> request.tableName(tableName));

        assertThatExceptionOfType(DynamoDbStreamException.class)
                .isThrownBy(() -> dropped.load(consumer, stream))
                .withMessageContaining("dynamodb:Query on checkpoint table '" + tableName + "' failed")
                .withMessageContaining("allowed dynamodb:Query");
        assertThatExceptionOfType(DynamoDbStreamException.class)
                .isThrownBy(() -> dropped.save(consumer, stream, checkpoint("shard-1", "1")))
                .withMessageContaining("dynamodb:PutItem on checkpoint table '" + tableName + "' failed");
        assertThatExceptionOfType(DynamoDbStreamException.class)
                .isThrownBy(() -> dropped.remove(consumer, stream, "shard-1"))
                .withMessageContaining("dynamodb:DeleteItem on checkpoint table '" + tableName + "' failed");
    }

    @Test
    void loadReadsEveryPageOfTheQuery() {
        // Long keys make each item about 5 KB, so the checkpoints fill more than one 1 MB page of a Query.
        String longConsumer = consumer + "-" + "c".repeat(1_900);
        String shardPrefix = "shard-" + "s".repeat(1_000) + "-";
        int shards = 300;
        for (int shard = 0; shard < shards; shard++) {
            repository.save(longConsumer, stream, checkpoint(shardPrefix + shard, Integer.toString(shard + 1)));
        }

        Map<String, ShardCheckpoint> loaded = repository.load(longConsumer, stream);

        assertThat(loaded).hasSize(shards);
        assertThat(loaded.get(shardPrefix + (shards - 1)).sequenceNumber()).isEqualTo(Integer.toString(shards));
        assertThat(dynamoDb().query(request -> request.tableName(repository.tableName())
                        .keyConditionExpression("consumerStream = :key")
                        .expressionAttributeValues(Map.of(":key", AttributeValue.fromS(longConsumer + "|" + stream))))
                .lastEvaluatedKey())
                .as("the checkpoints span more than one page")
                .isNotEmpty();
    }

    private Map<String, AttributeValue> rawItem(String shardId) {
        return dynamoDb().getItem(request -> request.tableName(DynamoDbShardStateRepository.DEFAULT_TABLE_NAME)
                        .key(Map.of("consumerStream", AttributeValue.fromS(consumer + "|" + stream),
                                "shardId", AttributeValue.fromS(shardId)))
                        .consistentRead(true))
                .item();
    }
}
