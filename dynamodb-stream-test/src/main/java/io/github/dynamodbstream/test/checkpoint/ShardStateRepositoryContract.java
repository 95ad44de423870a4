package io.github.dynamodbstream.test.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dynamodbstream.core.checkpoint.CheckpointConflictException;
import io.github.dynamodbstream.core.checkpoint.ShardCheckpoint;
import io.github.dynamodbstream.core.checkpoint.ShardStateRepository;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ShardStateRepository} does, as JUnit 5 tests: checkpoints load back as saved, per consumer and
 * stream; a checkpoint never moves backwards (sequence numbers compare as numbers) and a finished shard stays finished,
 * both refused with a {@link CheckpointConflictException}; {@code remove} forgets one shard; a loaded map is an
 * unmodifiable snapshot; concurrent saves of many shards all land. The project's stores (in memory, DynamoDB, JDBC)
 * each run it; a store of your own runs it by extending this class in your test sources:
 *
 * <pre>{@code
 * class RedisShardStateRepositoryTests extends ShardStateRepositoryContract {
 *
 *     private final RedisShardStateRepository repository = new RedisShardStateRepository(redis);
 *
 *     @Override
 *     protected ShardStateRepository repository() {
 *         return repository;
 *     }
 * }
 * }</pre>
 *
 * <p>JUnit creates an instance per test, so a field gives each test its own repository; a store shared by the tests
 * of a class is fine too, since each test uses its own {@link #consumer} name. Add the tests that only your store
 * needs (its schema, its errors) to the same class. Needs JUnit Jupiter and AssertJ, which this module brings.
 */
public abstract class ShardStateRepositoryContract {

    /** When the checkpoints of {@link #checkpoint} were written; {@link #finished} ones a minute later. */
    protected static final Instant T0 = Instant.parse("2024-05-01T12:00:00Z");

    /** A consumer name of this test alone, so that tests sharing a store do not see each other's checkpoints. */
    protected final String consumer = "consumer-" + UUID.randomUUID();

    /** The stream the tests save checkpoints for. */
    protected final String stream = streamArn("orders");

    /** The repository under test; each call within a test may return the same instance, and should. */
    protected abstract ShardStateRepository repository();

    /** The ARN of a stream of {@code table}, in a fixed account, region and stream label. */
    protected static String streamArn(String table) {
        return "arn:aws:dynamodb:us-east-1:123456789012:table/" + table + "/stream/2024-05-01T00:00:00.000";
    }

    /** An unfinished checkpoint, written at {@link #T0}; {@code sequenceNumber} may be {@code null}. */
    protected static ShardCheckpoint checkpoint(String shardId, String sequenceNumber) {
        return new ShardCheckpoint(shardId, sequenceNumber, false, T0);
    }

    /** The checkpoint of a shard read to its end, a minute after {@link #T0}. */
    protected static ShardCheckpoint finished(String shardId, String sequenceNumber) {
        return new ShardCheckpoint(shardId, sequenceNumber, true, T0.plusSeconds(60));
    }

    @Test
    void aConsumerWithoutCheckpointsLoadsAnEmptyMap() {
        assertThat(repository().load(consumer, stream)).isEmpty();
    }

    @Test
    void takingOverReturnsWhatIsStored() {
        ShardCheckpoint saved = checkpoint("shard-1", "100");
        repository().save(consumer, stream, saved);

        assertThat(repository().takeOver(consumer, stream)).containsOnly(Map.entry("shard-1", saved));
        repository().save(consumer, stream, checkpoint("shard-1", "200"));
        assertThat(repository().load(consumer, stream).get("shard-1").sequenceNumber()).isEqualTo("200");
    }

    @Test
    void savedCheckpointsAreLoadedBack() {
        ShardCheckpoint first = checkpoint("shard-1", "100000000000000000001");
        ShardCheckpoint second = finished("shard-2", "200000000000000000002");
        ShardCheckpoint emptyFinished = finished("shard-3", null);

        repository().save(consumer, stream, first);
        repository().save(consumer, stream, second);
        repository().save(consumer, stream, emptyFinished);

        assertThat(repository().load(consumer, stream)).containsOnly(
                Map.entry("shard-1", first), Map.entry("shard-2", second), Map.entry("shard-3", emptyFinished));
    }

    @Test
    void aLaterCheckpointReplacesTheEarlierOne() {
        repository().save(consumer, stream, checkpoint("shard-1", "100"));
        ShardCheckpoint later = new ShardCheckpoint("shard-1", "250", false, T0.plusSeconds(5));

        repository().save(consumer, stream, later);

        assertThat(repository().load(consumer, stream)).containsOnly(Map.entry("shard-1", later));
    }

    @Test
    void aCheckpointNeverMovesBackwards() {
        repository().save(consumer, stream, checkpoint("shard-1", "250"));

        assertThatExceptionOfType(CheckpointConflictException.class)
                .isThrownBy(() -> repository().save(consumer, stream, checkpoint("shard-1", "100")))
                .withMessageContaining(consumer)
                .withMessageContaining(stream)
                .withMessageContaining("shard-1")
                .withMessageContaining("backwards from sequence number 250")
                .withMessageContaining("to sequence number 100");
        assertThat(repository().load(consumer, stream).get("shard-1").sequenceNumber()).isEqualTo("250");
    }

    @Test
    void sequenceNumbersAreComparedAsNumbersNotAsText() {
        repository().save(consumer, stream, checkpoint("shard-1", "99999999999999999999"));
        repository().save(consumer, stream, checkpoint("shard-1", "100000000000000000000000000000000000000042"));

        assertThatExceptionOfType(CheckpointConflictException.class)
                .isThrownBy(() -> repository().save(consumer, stream, checkpoint("shard-1", "99999999999999999999")));
        assertThat(repository().load(consumer, stream).get("shard-1").sequenceNumber())
                .isEqualTo("100000000000000000000000000000000000000042");
    }

    @Test
    void savingTheStoredCheckpointAgainIsAllowed() {
        ShardCheckpoint checkpoint = checkpoint("shard-1", "300");
        repository().save(consumer, stream, checkpoint);

        repository().save(consumer, stream, checkpoint);

        assertThat(repository().load(consumer, stream)).containsOnly(Map.entry("shard-1", checkpoint));
    }

    @Test
    void aFinishedShardCannotBecomeUnfinished() {
        repository().save(consumer, stream, checkpoint("shard-1", "300"));
        repository().save(consumer, stream, finished("shard-1", "300"));

        assertThatExceptionOfType(CheckpointConflictException.class)
                .isThrownBy(() -> repository().save(consumer, stream, checkpoint("shard-1", "300")))
                .withMessageContaining("sequence number 300 (finished)");
        assertThat(repository().load(consumer, stream).get("shard-1").finished()).isTrue();
    }

    @Test
    void aCheckpointWithoutSequenceNumberThatIsNotFinishedIsKeptAndOnlyMovesForwards() {
        ShardCheckpoint startedAtLatest = checkpoint("shard-1", null);
        repository().save(consumer, stream, startedAtLatest);

        assertThat(repository().load(consumer, stream)).containsOnly(Map.entry("shard-1", startedAtLatest));
        repository().save(consumer, stream, startedAtLatest);
        repository().save(consumer, stream, checkpoint("shard-1", "42"));
        assertThat(repository().load(consumer, stream).get("shard-1").sequenceNumber()).isEqualTo("42");
        assertThatExceptionOfType(CheckpointConflictException.class)
                .isThrownBy(() -> repository().save(consumer, stream, startedAtLatest));
        assertThat(repository().load(consumer, stream).get("shard-1").sequenceNumber()).isEqualTo("42");
    }

    @Test
    void removeForgetsOneShardOnly() {
        repository().save(consumer, stream, finished("shard-1", "100"));
        repository().save(consumer, stream, checkpoint("shard-2", "200"));

        repository().remove(consumer, stream, "shard-1");

        assertThat(repository().load(consumer, stream)).containsOnlyKeys("shard-2");
    }

    @Test
    void removingAShardWithoutCheckpointIsAllowed() {
        repository().remove(consumer, stream, "shard-never-saved");

        assertThat(repository().load(consumer, stream)).isEmpty();
    }

    @Test
    void aRemovedShardCanBeSavedAgainFromAnyPosition() {
        repository().save(consumer, stream, checkpoint("shard-1", "500"));
        repository().remove(consumer, stream, "shard-1");

        repository().save(consumer, stream, checkpoint("shard-1", "5"));

        assertThat(repository().load(consumer, stream).get("shard-1").sequenceNumber()).isEqualTo("5");
    }

    @Test
    void manyConsumersAndStreamsAreKeptApart() {
        List<String> consumers = List.of(consumer + "-a", consumer + "-b", consumer + "|c");
        List<String> streams = List.of(streamArn("orders"), streamArn("customers"), streamArn("orders-archive"));
        Map<String, Map<String, ShardCheckpoint>> expected = new HashMap<>();
        int sequence = 1;
        for (String name : consumers) {
            for (String arn : streams) {
                ShardCheckpoint saved = checkpoint("shard-1", Integer.toString(sequence++));
                repository().save(name, arn, saved);
                expected.put(name + " " + arn, Map.of("shard-1", saved));
            }
        }

        for (String name : consumers) {
            for (String arn : streams) {
                assertThat(repository().load(name, arn)).isEqualTo(expected.get(name + " " + arn));
            }
        }
        repository().remove(consumers.get(0), streams.get(0), "shard-1");
        assertThat(repository().load(consumers.get(0), streams.get(0))).isEmpty();
        assertThat(repository().load(consumers.get(1), streams.get(0))).isNotEmpty();
        assertThat(repository().load(consumers.get(0), streams.get(1))).isNotEmpty();
    }

    @Test
    void theLoadedMapIsASnapshotThatCannotBeModified() {
        repository().save(consumer, stream, checkpoint("shard-1", "1"));
        Map<String, ShardCheckpoint> loaded = repository().load(consumer, stream);

        repository().save(consumer, stream, checkpoint("shard-2", "2"));

        assertThat(loaded).containsOnlyKeys("shard-1");
        assertThatThrownBy(() -> loaded.put("shard-3", checkpoint("shard-3", "3")))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void concurrentSavesOfManyShardsAllLand() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> saves = new ArrayList<>();
            for (int shard = 0; shard < 8; shard++) {
                String shardId = "shard-" + shard;
                saves.add(threads.submit(() -> {
                    for (int sequence = 1; sequence <= 5; sequence++) {
                        repository().save(consumer, stream, checkpoint(shardId, Integer.toString(sequence)));
                    }
                }));
            }
            for (Future<?> save : saves) {
                save.get();
            }
        } finally {
            threads.shutdown();
        }

        Map<String, ShardCheckpoint> loaded = repository().load(consumer, stream);
        assertThat(loaded).hasSize(8);
        assertThat(loaded.values()).extracting(ShardCheckpoint::sequenceNumber).containsOnly("5");
    }
}
