package io.github.dynamodbstream.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dynamodbstream.core.StartingPosition;
import io.github.dynamodbstream.core.checkpoint.InMemoryShardStateRepository;
import io.github.dynamodbstream.core.checkpoint.ShardStateRepository;
import io.github.dynamodbstream.core.dynamodb.DynamoDbShardStateRepository;
import io.github.dynamodbstream.core.failure.ListenerFailureMode;
import io.github.dynamodbstream.core.failure.RetryBackoff;
import io.github.dynamodbstream.emulator.DynamoDbEmulatorExtension;
import io.github.dynamodbstream.emulator.Fault;
import io.github.dynamodbstream.spring.checkpoint.DynamoDbStreamCheckpointAutoConfiguration;
import io.github.dynamodbstream.spring.checkpoint.jdbc.JdbcShardStateRepository;
import io.github.dynamodbstream.spring.support.OnEmulator;
import io.github.dynamodbstream.test.EmulatorTables;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.ResolvableType;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.LimitExceededException;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

class DynamoDbStreamAutoConfigurationTests {

    @RegisterExtension
    static final DynamoDbEmulatorExtension EMULATOR = DynamoDbEmulatorExtension.create();

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DynamoDbStreamAutoConfiguration.class,
                    DynamoDbStreamCheckpointAutoConfiguration.class));

    record Order(String id, BigDecimal total) {
    }

    private ApplicationContextRunner onEmulator() {
        return contextRunner.withPropertyValues(OnEmulator.connection(EMULATOR.emulator()));
    }

    private static String newTable() {
        return OnEmulator.uniqueName("orders");
    }

    @Test
    void tableNameResolvesToTheTablesLatestStreamArn() {
        String table = newTable();
        String streamArn = EmulatorTables.createWithStream(EMULATOR.dynamoDbClient(), table);
        onEmulator().withPropertyValues("dynamodb.stream.table-name=" + table).run(context -> {
            StreamDefinitions streams = context.getBean(StreamDefinitions.class);
            assertThat(streams.all()).singleElement().satisfies(stream -> {
                assertThat(stream.name()).isEqualTo(table);
                assertThat(stream.streamArn().toString()).isEqualTo(streamArn);
                assertThat(stream.tableName()).isEqualTo(table);
                assertThat(stream.itemType()).isNull();
                assertThat(stream.itemConverter().itemType().toString()).isEqualTo(
                        ResolvableType.forClassWithGenerics(Map.class, String.class, Object.class).toString());
            });
            assertThat(context).getBean("dynamoDbStreamShardStateRepository")
                    .isInstanceOf(InMemoryShardStateRepository.class);
        });
    }

    @Test
    void perStreamKeysFallBackToTopLevelKeysAndThenToDefaults() {
        String orders = newTable();
        String customers = newTable();
        EmulatorTables.createWithStream(EMULATOR.dynamoDbClient(), orders);
        String customersArn = EmulatorTables.createWithStream(EMULATOR.dynamoDbClient(), customers);
        onEmulator().withPropertyValues(
                "spring.application.name=shop",
                "dynamodb.stream.poll-interval=250ms",
                "dynamodb.stream.retry.max-attempts=5",
                "dynamodb.stream.on-failure=block",
                "dynamodb.stream.item-type=" + Order.class.getName(),
                "dynamodb.stream.streams.orders.table-name=" + orders,
                "dynamodb.stream.streams.orders.max-records=10",
                "dynamodb.stream.streams.orders.consumer-name=orders-replica",
                "dynamodb.stream.streams.orders.retry.initial-backoff=1s",
                "dynamodb.stream.streams.orders.retry.max-backoff=2s",
                "dynamodb.stream.streams.customers.stream-arn=" + customersArn,
                "dynamodb.stream.streams.customers.item-type=",
                "dynamodb.stream.streams.customers.starting-position=trim-horizon",
                "dynamodb.stream.streams.customers.on-failure=skip",
                "dynamodb.stream.streams.off.table-name=no-such-table",
                "dynamodb.stream.streams.off.enabled=false").run(context -> {
                    StreamDefinitions streams = context.getBean(StreamDefinitions.class);
                    assertThat(streams.all()).extracting(StreamDefinition::name)
                            .containsExactly("orders", "customers");
                    StreamDefinition first = streams.get("orders").orElseThrow();
                    assertThat(first.tableName()).isEqualTo(orders);
                    assertThat(first.itemType()).isEqualTo(Order.class);
                    assertThat(first.maxRecords()).isEqualTo(10);
                    assertThat(first.pollInterval()).isEqualTo(Duration.ofMillis(250));
                    assertThat(first.shardDiscoveryInterval()).isEqualTo(Duration.ofSeconds(30));
                    assertThat(first.startingPosition()).isEqualTo(StartingPosition.LATEST);
                    assertThat(first.consumerName()).isEqualTo("orders-replica");
                    assertThat(first.retry()).isEqualTo(RetryBackoff.of(5, Duration.ofSeconds(1),
                            Duration.ofSeconds(2)));
                    assertThat(first.onFailure()).isEqualTo(ListenerFailureMode.BLOCK);
                    StreamDefinition second = streams.get("customers").orElseThrow();
                    assertThat(second.streamArn().toString()).isEqualTo(customersArn);
                    assertThat(second.itemType()).isEqualTo(Order.class);
                    assertThat(second.startingPosition()).isEqualTo(StartingPosition.TRIM_HORIZON);
                    assertThat(second.consumerName()).isEqualTo("shop");
                    assertThat(second.maxRecords()).isEqualTo(1000);
                    assertThat(second.retry()).isEqualTo(RetryBackoff.of(5, Duration.ofMillis(200),
                            Duration.ofSeconds(5)));
                    assertThat(second.onFailure()).isEqualTo(ListenerFailureMode.SKIP);
                });
    }

    @Test
    void consumerNameIsDefaultWithoutApplicationName() {
        String table = newTable();
        EmulatorTables.createWithStream(EMULATOR.dynamoDbClient(), table);
        onEmulator().withPropertyValues("dynamodb.stream.table-name=" + table).run(context ->
                assertThat(context.getBean(StreamDefinitions.class).all().get(0).consumerName())
                        .isEqualTo("default"));
    }

    @Test
    void clientsUseRegionEndpointAndCredentialsFromProperties() {
        contextRunner.withPropertyValues("dynamodb.stream.region=eu-central-1",
                "dynamodb.stream.endpoint=http://localhost:1",
                "dynamodb.stream.credentials.access-key-id=AKIDEXAMPLE",
                "dynamodb.stream.credentials.secret-access-key=secret",
                "dynamodb.stream.stream-arn=arn:aws:dynamodb:eu-central-1:123456789012:table/orders/stream/x")
                .run(context -> {
                    DynamoDbStreamsClient streams = context.getBean(DynamoDbStreamsClient.class);
                    DynamoDbClient dynamoDb = context.getBean(DynamoDbClient.class);
                    assertThat(streams.serviceClientConfiguration().region()).isEqualTo(Region.EU_CENTRAL_1);
                    assertThat(dynamoDb.serviceClientConfiguration().region()).isEqualTo(Region.EU_CENTRAL_1);
                    assertThat(streams.serviceClientConfiguration().endpointOverride())
                            .hasValueSatisfying(uri -> assertThat(uri.getPort()).isEqualTo(1));
                    assertThat(streams.serviceClientConfiguration().credentialsProvider().resolveIdentity().join()
                            .accessKeyId()).isEqualTo("AKIDEXAMPLE");
                    assertThat(context.getBean(StreamDefinitions.class).all().get(0).name()).isEqualTo("orders");
                });
    }

    @Test
    void streamsClientLeavesRetriesToThePollerSoThrottlingIsSeenAndCounted() {
        String table = newTable();
        EmulatorTables.createWithStream(EMULATOR.dynamoDbClient(), table);
        onEmulator().withPropertyValues("dynamodb.stream.table-name=" + table).run(context -> {
            EMULATOR.emulator().injectFault("ListStreams", Fault.throttling(), 1);
            DynamoDbStreamsClient streams = context.getBean(DynamoDbStreamsClient.class);

            assertThatThrownBy(streams::listStreams).isInstanceOf(LimitExceededException.class);
            assertThat(EMULATOR.emulator().calls().count("ListStreams", "LimitExceededException")).isEqualTo(1);
        });
    }

    @Test
    void customizersAreAppliedInOrder() {
        contextRunner.withUserConfiguration(CustomizerConfiguration.class)
                .withPropertyValues("dynamodb.stream.region=eu-central-1",
                        "dynamodb.stream.stream-arn=arn:aws:dynamodb:eu-west-3:123456789012:table/orders/stream/x")
                .run(context -> {
                    assertThat(context.getBean(DynamoDbStreamsClient.class).serviceClientConfiguration().region())
                            .isEqualTo(Region.EU_WEST_3);
                    assertThat(context.getBean(DynamoDbClient.class).serviceClientConfiguration().region())
                            .isEqualTo(Region.EU_WEST_3);
                    assertThat(context.getBean("calls", List.class)).containsExactly("streams-1", "streams-2",
                            "dynamodb");
                });
    }

    @Test
    void backsOffWithoutTheAwsSdk() {
        contextRunner.withClassLoader(new FilteredClassLoader(DynamoDbStreamsClient.class))
                .withPropertyValues("dynamodb.stream.table-name=orders")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).doesNotHaveBean(StreamDefinitions.class);
                    assertThat(context).doesNotHaveBean(ShardStateRepository.class);
                    assertThat(context).doesNotHaveBean(DynamoDbStreamProperties.class);
                });
    }

    @Test
    void backsOffWhenDisabled() {
        contextRunner.withPropertyValues("dynamodb.stream.enabled=false").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(DynamoDbStreamsClient.class);
            assertThat(context).doesNotHaveBean(DynamoDbClient.class);
            assertThat(context).doesNotHaveBean(StreamDefinitions.class);
            assertThat(context).doesNotHaveBean(ShardStateRepository.class);
        });
    }

    @Test
    void usersClientsAndRepositoryWin() {
        String table = newTable();
        String streamArn = EmulatorTables.createWithStream(EMULATOR.dynamoDbClient(), table);
        contextRunner.withUserConfiguration(UserBeansConfiguration.class)
                .withPropertyValues("dynamodb.stream.table-name=" + table, "dynamodb.stream.region=eu-west-1",
                        "dynamodb.stream.checkpoint.store=dynamodb")
                .run(context -> {
                    assertThat(context).getBean(DynamoDbStreamsClient.class)
                            .isSameAs(context.getBean("myStreamsClient"));
                    assertThat(context).getBean(DynamoDbClient.class).isSameAs(context.getBean("myDynamoDbClient"));
                    assertThat(context).getBean(ShardStateRepository.class)
                            .isSameAs(context.getBean("myRepository"));
                    // the user's emulator clients, not the properties' region, resolved the table
                    assertThat(context.getBean(StreamDefinitions.class).all().get(0).streamArn().toString())
                            .isEqualTo(streamArn);
                });
    }

    @Test
    void dynamoDbStoreKeepsCheckpointsInTheConfiguredTable() {
        String table = newTable();
        EmulatorTables.createWithStream(EMULATOR.dynamoDbClient(), table);
        String checkpoints = "checkpoints-" + table;
        onEmulator().withPropertyValues("dynamodb.stream.table-name=" + table,
                "dynamodb.stream.checkpoint.store=dynamodb", "dynamodb.stream.checkpoint.table-name=" + checkpoints,
                "dynamodb.stream.checkpoint.create-table=true").run(context -> {
                    assertThat(context).getBean(ShardStateRepository.class)
                            .isInstanceOf(DynamoDbShardStateRepository.class);
                    assertThat(context.getBean(DynamoDbShardStateRepository.class).tableName())
                            .isEqualTo(checkpoints);
                    assertThat(EMULATOR.dynamoDbClient().describeTable(r -> r.tableName(checkpoints)).table()
                            .tableName()).isEqualTo(checkpoints);
                });
    }

    @Test
    void jdbcStoreUsesTheApplicationsDataSource() {
        String table = newTable();
        EmulatorTables.createWithStream(EMULATOR.dynamoDbClient(), table);
        onEmulator().withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
                .withPropertyValues("spring.datasource.url=jdbc:h2:mem:" + table + ";DB_CLOSE_DELAY=-1",
                        "dynamodb.stream.table-name=" + table, "dynamodb.stream.checkpoint.store=jdbc",
                        "dynamodb.stream.checkpoint.create-table=true")
                .run(context -> {
                    JdbcShardStateRepository repository = context.getBean(JdbcShardStateRepository.class);
                    assertThat(repository.tableName()).isEqualTo("dynamodb_stream_checkpoints");
                    assertThat(repository.load("default", "arn")).isEmpty();
                });
    }

    @Configuration(proxyBeanMethods = false)
    static class CustomizerConfiguration {

        private final List<String> calls = new CopyOnWriteArrayList<>();

        @Bean
        List<String> calls() {
            return calls;
        }

        @Bean
        @org.springframework.core.annotation.Order(2)
        DynamoDbStreamsClientCustomizer second() {
            return builder -> {
                calls.add("streams-2");
                builder.region(Region.EU_WEST_3);
            };
        }

        @Bean
        @org.springframework.core.annotation.Order(1)
        DynamoDbStreamsClientCustomizer first() {
            return builder -> {
                calls.add("streams-1");
                builder.region(Region.US_WEST_2);
            };
        }

        @Bean
        DynamoDbClientCustomizer dynamoDb() {
            return builder -> {
                calls.add("dynamodb");
                builder.region(Region.EU_WEST_3);
            };
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class UserBeansConfiguration {

        @Bean
        DynamoDbStreamsClient myStreamsClient() {
            return EMULATOR.streamsClientBuilder().build();
        }

        @Bean
        DynamoDbClient myDynamoDbClient() {
            return EMULATOR.dynamoDbClientBuilder().build();
        }

        @Bean
        ShardStateRepository myRepository() {
            return new InMemoryShardStateRepository();
        }
    }
}
