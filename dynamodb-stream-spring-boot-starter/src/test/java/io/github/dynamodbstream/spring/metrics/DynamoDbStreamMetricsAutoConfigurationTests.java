package io.github.dynamodbstream.spring.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.dynamodbstream.emulator.DynamoDbEmulator;
import io.github.dynamodbstream.emulator.DynamoDbEmulatorExtension;
import io.github.dynamodbstream.emulator.Fault;
import io.github.dynamodbstream.spring.DynamoDbStreamAutoConfiguration;
import io.github.dynamodbstream.spring.checkpoint.DynamoDbStreamCheckpointAutoConfiguration;
import io.github.dynamodbstream.spring.event.ItemInsertedEvent;
import io.github.dynamodbstream.spring.poller.DynamoDbStreamPollerAutoConfiguration;
import io.github.dynamodbstream.spring.poller.DynamoDbStreamPollerCustomizer;
import io.github.dynamodbstream.spring.support.EveryChange;
import io.github.dynamodbstream.spring.support.OnEmulator;
import io.github.dynamodbstream.spring.support.TestItems;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

class DynamoDbStreamMetricsAutoConfigurationTests {

    /** The emulator's clock runs ten minutes late, so that records are ten minutes old when they are read. */
    @RegisterExtension
    static final DynamoDbEmulatorExtension EMULATOR = DynamoDbEmulatorExtension.of(DynamoDbEmulator.builder()
            .clock(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-10))).shardsPerStream(1));

    private final ApplicationContextRunner contextRunner = OnEmulator.pollingContextRunner(EMULATOR.emulator(),
            MetricsAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
            CompositeMeterRegistryAutoConfiguration.class, DynamoDbStreamAutoConfiguration.class,
            DynamoDbStreamCheckpointAutoConfiguration.class, DynamoDbStreamPollerAutoConfiguration.class,
            DynamoDbStreamMetricsAutoConfiguration.class)
            .withUserConfiguration(EveryChange.class);

    private static String newTable() {
        return OnEmulator.newTable(EMULATOR, "orders");
    }

    @Test
    void countsRecordsByChangeTypeAndApiCallsByOperationAndOutcome() {
        String table = newTable();
        TestItems.put(EMULATOR.dynamoDbClient(), table, "a", 1);
        TestItems.put(EMULATOR.dynamoDbClient(), table, "b", 1);
        TestItems.put(EMULATOR.dynamoDbClient(), table, "a", 2);
        TestItems.delete(EMULATOR.dynamoDbClient(), table, "b");
        contextRunner.withPropertyValues("dynamodb.stream.table-name=" + table).run(context -> {
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(delivered(registry, table, "insert")).isEqualTo(2);
                assertThat(delivered(registry, table, "modify")).isEqualTo(1);
                assertThat(delivered(registry, table, "remove")).isEqualTo(1);
            });
            assertThat(registry.get("dynamodb.stream.api.calls")
                    .tags("stream", table, "operation", "GetRecords", "outcome", "Success").timer().count())
                    .isPositive();
            assertThat(registry.get("dynamodb.stream.api.calls")
                    .tags("stream", table, "operation", "DescribeStream", "outcome", "Success").timer().count())
                    .isPositive();
            assertThat(registry.get("dynamodb.stream.listener.failures").tag("stream", table).counter().count())
                    .isZero();
            assertThat(registry.get("dynamodb.stream.data.loss").tags("stream", table).counters())
                    .allMatch(counter -> counter.count() == 0);
            assertThat(registry.find("dynamodb.stream.records.delivered").meters())
                    .allMatch(meter -> meter.getId().getTags().stream()
                            .allMatch(tag -> tag.getKey().equals("stream") || tag.getKey().equals("type")));
        });
    }

    @Test
    void countsThrottledCallsByOperation() {
        String table = newTable();
        contextRunner.withPropertyValues("dynamodb.stream.table-name=" + table).run(context -> {
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            await().atMost(Duration.ofSeconds(10)).until(() -> registry.find("dynamodb.stream.api.calls")
                    .tags("stream", table, "operation", "GetRecords").timer() != null);
            EMULATOR.emulator().injectFault("GetRecords", Fault.throttling(), 2);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(registry.get("dynamodb.stream.api.throttles")
                        .tags("stream", table, "operation", "GetRecords").counter().count()).isEqualTo(2);
                assertThat(registry.get("dynamodb.stream.api.calls").tags("stream", table, "operation",
                        "GetRecords", "outcome", "LimitExceededException").timer().count()).isEqualTo(2);
            });
        });
    }

    @Test
    void countsFailedShardListingsWhileReadingGoesOnWithTheShardsAlreadyKnown() {
        String table = newTable();
        contextRunner.withPropertyValues("dynamodb.stream.table-name=" + table,
                "dynamodb.stream.shard-discovery-interval=100ms").run(context -> {
                    MeterRegistry registry = context.getBean(MeterRegistry.class);
                    await().atMost(Duration.ofSeconds(10)).until(() -> registry.find("dynamodb.stream.api.calls")
                            .tags("stream", table, "operation", "GetRecords").timer() != null);
                    EMULATOR.emulator().injectFault("DescribeStream", Fault.throttling(), 1000);
                    try {
                        await().atMost(Duration.ofSeconds(20)).until(() -> registry
                                .get("dynamodb.stream.shard.listing.failures").tag("stream", table).counter()
                                .count() >= 1);
                        TestItems.put(EMULATOR.dynamoDbClient(), table, "during-the-outage", 1);
                        await().atMost(Duration.ofSeconds(10))
                                .untilAsserted(() -> assertThat(delivered(registry, table, "insert")).isEqualTo(1));
                    } finally {
                        EMULATOR.emulator().clearFaults();
                    }
                });
    }

    @Test
    void lagGaugeGrowsWithTheAgeOfTheNewestDeliveredRecordWhileTheConsumerIsBehind() {
        String table = newTable();
        for (int i = 0; i < 3; i++) {
            TestItems.put(EMULATOR.dynamoDbClient(), table, "item-" + i, 1);
        }
        contextRunner.withUserConfiguration(OneRecordPerRound.class)
                .withPropertyValues("dynamodb.stream.table-name=" + table, "dynamodb.stream.max-records=1")
                .run(context -> {
                    OneRecordPerRound listener = context.getBean(OneRecordPerRound.class);
                    assertThat(listener.secondRecordArrived.await(10, TimeUnit.SECONDS)).isTrue();
                    TimeGauge lag = context.getBean(MeterRegistry.class).get("dynamodb.stream.lag")
                            .tag("stream", table).timeGauge();
                    assertThat(lag.value(TimeUnit.SECONDS)).isBetween(590.0, 700.0);
                    listener.release.countDown();
                    await().atMost(Duration.ofSeconds(10)).until(() -> listener.delivered.get() == 3);
                });
    }

    @Test
    void backsOffWithoutMicrometer() {
        String table = newTable();
        withoutBootMetrics().withClassLoader(new FilteredClassLoader(MeterRegistry.class))
                .withPropertyValues("dynamodb.stream.table-name=" + table)
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(DynamoDbStreamMetrics.class));
    }

    @Test
    void backsOffWithoutAMeterRegistry() {
        String table = newTable();
        withoutBootMetrics().withPropertyValues("dynamodb.stream.table-name=" + table)
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(DynamoDbStreamMetrics.class));
    }

    private static ApplicationContextRunner withoutBootMetrics() {
        return OnEmulator.contextRunner(EMULATOR.emulator(), DynamoDbStreamAutoConfiguration.class,
                        DynamoDbStreamCheckpointAutoConfiguration.class, DynamoDbStreamPollerAutoConfiguration.class,
                        DynamoDbStreamMetricsAutoConfiguration.class)
                .withPropertyValues("dynamodb.stream.auto-startup=false");
    }

    @Test
    void applicationsOwnMetricsBeanWins() {
        String table = newTable();
        contextRunner.withUserConfiguration(OwnMetrics.class)
                .withPropertyValues("dynamodb.stream.table-name=" + table, "dynamodb.stream.auto-startup=false")
                .run(context -> assertThat(context).getBean(DynamoDbStreamMetrics.class)
                        .isSameAs(context.getBean(OwnMetrics.class).metrics));
    }

    private static double delivered(MeterRegistry registry, String stream, String type) {
        return registry.get("dynamodb.stream.records.delivered").tags("stream", stream, "type", type).counter()
                .count();
    }
    /** Reads one record a round and holds the second one until released. */
    @Configuration(proxyBeanMethods = false)
    static class OneRecordPerRound {

        final AtomicInteger delivered = new AtomicInteger();
        final CountDownLatch secondRecordArrived = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Bean
        DynamoDbStreamPollerCustomizer oneCallPerRound() {
            return (stream, builder) -> builder.maxCallsPerShardPerRound(1);
        }

        @EventListener
        void on(ItemInsertedEvent<Map<String, Object>> event) throws InterruptedException {
            if (delivered.get() == 1) {
                secondRecordArrived.countDown();
                release.await(10, TimeUnit.SECONDS);
            }
            delivered.incrementAndGet();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnMetrics {

        DynamoDbStreamMetrics metrics;

        @Bean
        DynamoDbStreamMetrics ownMetrics(MeterRegistry registry,
                io.github.dynamodbstream.spring.poller.DynamoDbStreamListenerContainer container) {
            metrics = new DynamoDbStreamMetrics(registry, container);
            return metrics;
        }
    }
}
