package io.github.dynamodbstream.spring.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.dynamodbstream.core.checkpoint.InMemoryShardStateRepository;
import io.github.dynamodbstream.core.checkpoint.ShardCheckpoint;
import io.github.dynamodbstream.core.checkpoint.ShardStateRepository;
import io.github.dynamodbstream.emulator.DynamoDbEmulatorExtension;
import io.github.dynamodbstream.spring.DynamoDbStreamAutoConfiguration;
import io.github.dynamodbstream.spring.checkpoint.DynamoDbStreamCheckpointAutoConfiguration;
import io.github.dynamodbstream.spring.container.StreamState;
import io.github.dynamodbstream.spring.endpoint.DynamoDbStreamsEndpoint.CheckpointDescriptor;
import io.github.dynamodbstream.spring.endpoint.DynamoDbStreamsEndpoint.StreamDescriptor;
import io.github.dynamodbstream.spring.endpoint.DynamoDbStreamsEndpoint.StreamsDescriptor;
import io.github.dynamodbstream.spring.poller.DynamoDbStreamPollerAutoConfiguration;
import io.github.dynamodbstream.spring.support.EveryChange;
import io.github.dynamodbstream.spring.support.OnEmulator;
import io.github.dynamodbstream.spring.support.TestItems;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import tools.jackson.databind.json.JsonMapper;

class DynamoDbStreamsEndpointAutoConfigurationTests {

    @RegisterExtension
    static final DynamoDbEmulatorExtension EMULATOR = DynamoDbEmulatorExtension.create();

    private final ApplicationContextRunner contextRunner = OnEmulator.pollingContextRunner(EMULATOR.emulator(),
            DynamoDbStreamAutoConfiguration.class, DynamoDbStreamCheckpointAutoConfiguration.class,
            DynamoDbStreamPollerAutoConfiguration.class, DynamoDbStreamsEndpointAutoConfiguration.class)
            .withUserConfiguration(EveryChange.class);

    private static String newTable() {
        return OnEmulator.newTable(EMULATOR, "orders");
    }

    @Test
    void isNotAvailableUnlessTheApplicationExposesIt() {
        String table = newTable();
        contextRunner.withPropertyValues("dynamodb.stream.table-name=" + table, "dynamodb.stream.auto-startup=false")
                .run(context -> assertThat(context).doesNotHaveBean(DynamoDbStreamsEndpoint.class));
    }

    @Test
    void listsStreamsShardsAndStoredCheckpointsWhenExposed() {
        String table = newTable();
        TestItems.put(EMULATOR.dynamoDbClient(), table, "a", 1);
        contextRunner.withPropertyValues("dynamodb.stream.table-name=" + table,
                        "management.endpoints.web.exposure.include=dynamodbstreams")
                .run(context -> {
                    DynamoDbStreamsEndpoint endpoint = context.getBean(DynamoDbStreamsEndpoint.class);
                    await().atMost(Duration.ofSeconds(10))
                            .until(() -> endpoint.stream(table).recordsDelivered() == 1);
                    StreamsDescriptor streams = endpoint.streams();
                    assertThat(streams.running()).isTrue();
                    StreamDescriptor stream = streams.streams().get(0);
                    assertThat(stream.name()).isEqualTo(table);
                    assertThat(stream.tableName()).isEqualTo(table);
                    assertThat(stream.state()).isEqualTo(StreamState.RUNNING);
                    assertThat(stream.activeShards()).hasSize(4);
                    assertThat(stream.checkpoints()).extracting(CheckpointDescriptor::sequenceNumber)
                            .filteredOn(sequenceNumber -> sequenceNumber != null).hasSize(1);
                    String stored = context.getBean(ShardStateRepository.class)
                            .load(stream.consumerName(), stream.streamArn()).values().stream()
                            .filter(checkpoint -> checkpoint.sequenceNumber() != null).findFirst().orElseThrow()
                            .sequenceNumber();
                    assertThat(stream.checkpoints()).extracting(CheckpointDescriptor::sequenceNumber)
                            .contains(stored);
                    assertThat(endpoint.stream("no-such-stream")).isNull();
                    String json = JsonMapper.builder().build().writeValueAsString(streams);
                    assertThat(json).contains("\"checkpoints\"").contains(stored).contains("\"state\":\"RUNNING\"");
                });
    }

    @Test
    void readingTheEndpointNeitherReadsNorClaimsTheCheckpointStore() {
        String table = newTable();
        TestItems.put(EMULATOR.dynamoDbClient(), table, "a", 1);
        CountingRepository repository = new CountingRepository();
        contextRunner.withPropertyValues("dynamodb.stream.table-name=" + table,
                        "management.endpoints.web.exposure.include=dynamodbstreams")
                .withBean(ShardStateRepository.class, () -> repository)
                .run(context -> {
                    DynamoDbStreamsEndpoint endpoint = context.getBean(DynamoDbStreamsEndpoint.class);
                    await().atMost(Duration.ofSeconds(10))
                            .until(() -> endpoint.stream(table).recordsDelivered() == 1);
                    int readsBefore = repository.reads.get();
                    for (int scrape = 0; scrape < 5; scrape++) {
                        assertThat(endpoint.streams().streams()).singleElement()
                                .satisfies(stream -> assertThat(stream.checkpoints()).isNotEmpty());
                    }
                    assertThat(repository.takeOvers).as("taken over once, by the poller at start").hasValue(1);
                    assertThat(repository.reads).as("scrapes read memory only").hasValue(readsBefore);
                });
    }

    /** A store in memory that counts the reads and take-overs it serves. */
    static final class CountingRepository implements ShardStateRepository {

        final AtomicInteger reads = new AtomicInteger();
        final AtomicInteger takeOvers = new AtomicInteger();
        private final ShardStateRepository store = new InMemoryShardStateRepository();

        @Override
        public Map<String, ShardCheckpoint> load(String consumerName, String streamArn) {
            reads.incrementAndGet();
            return store.load(consumerName, streamArn);
        }

        @Override
        public Map<String, ShardCheckpoint> takeOver(String consumerName, String streamArn) {
            takeOvers.incrementAndGet();
            return store.load(consumerName, streamArn);
        }

        @Override
        public void save(String consumerName, String streamArn, ShardCheckpoint checkpoint) {
            store.save(consumerName, streamArn, checkpoint);
        }

        @Override
        public void remove(String consumerName, String streamArn, String shardId) {
            store.remove(consumerName, streamArn, shardId);
        }
    }

    @Test
    void backsOffWithoutTheActuator() {
        String table = newTable();
        contextRunner.withClassLoader(new FilteredClassLoader(Endpoint.class.getPackageName()))
                .withPropertyValues("dynamodb.stream.table-name=" + table, "dynamodb.stream.auto-startup=false",
                        "management.endpoints.web.exposure.include=dynamodbstreams")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(DynamoDbStreamsEndpoint.class));
    }
}
