package io.github.dynamodbstream.spring.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.dynamodbstream.emulator.DynamoDbEmulatorExtension;
import io.github.dynamodbstream.spring.DynamoDbStreamAutoConfiguration;
import io.github.dynamodbstream.spring.checkpoint.DynamoDbStreamCheckpointAutoConfiguration;
import io.github.dynamodbstream.spring.poller.DynamoDbStreamPollerAutoConfiguration;
import io.github.dynamodbstream.spring.support.EveryChange;
import io.github.dynamodbstream.spring.support.OnEmulator;
import io.github.dynamodbstream.spring.support.TestItems;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class DynamoDbStreamHealthAutoConfigurationTests {

    @RegisterExtension
    static final DynamoDbEmulatorExtension EMULATOR = DynamoDbEmulatorExtension.create();

    private static final String SECRET = "secret-" + UUID.randomUUID();

    private final ApplicationContextRunner contextRunner = OnEmulator.pollingContextRunner(EMULATOR.emulator(),
            DynamoDbStreamAutoConfiguration.class, DynamoDbStreamCheckpointAutoConfiguration.class,
            DynamoDbStreamPollerAutoConfiguration.class, DynamoDbStreamHealthAutoConfiguration.class)
            .withPropertyValues("dynamodb.stream.credentials.secret-access-key=" + SECRET)
            .withUserConfiguration(EveryChange.class);

    private static String newTable() {
        return OnEmulator.newTable(EMULATOR, "orders");
    }

    @Test
    void isUpWithEachStreamsShardsLastPollAndDeliveredRecords() {
        String table = newTable();
        TestItems.put(EMULATOR.dynamoDbClient(), table, "a", 1);
        TestItems.put(EMULATOR.dynamoDbClient(), table, "b", 1);
        Instant before = Instant.now();
        contextRunner.withPropertyValues("dynamodb.stream.table-name=" + table).run(context -> {
            HealthIndicator indicator = context.getBean("dynamodbStreamHealthIndicator", HealthIndicator.class);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(stream(indicator.health(), table)).containsEntry("recordsDelivered", 2L));
            Health health = indicator.health();
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsEntry("running", true);
            Map<String, Object> stream = stream(health, table);
            assertThat(stream).containsEntry("table", table).containsEntry("state", "RUNNING")
                    .containsEntry("shards", 4).containsEntry("blockedShards", Map.of());
            assertThat(Instant.parse((String) stream.get("lastSuccessfulPoll"))).isAfter(before);
            assertThat(Duration.parse((String) stream.get("lag"))).isLessThan(Duration.ofMinutes(1));
            assertThat(health.toString()).doesNotContain(SECRET);
        });
    }

    @Test
    void isDownWhenAStreamDoesNotExist() {
        String missing = "arn:aws:dynamodb:" + EMULATOR.emulator().region()
                + ":000000000000:table/missing/stream/2024-01-01T00:00:00.000";
        contextRunner.withPropertyValues("dynamodb.stream.stream-arn=" + missing).run(context -> {
            HealthIndicator indicator = context.getBean("dynamodbStreamHealthIndicator", HealthIndicator.class);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> indicator.health().getStatus().equals(Status.DOWN));
            Map<String, Object> stream = stream(indicator.health(), "missing");
            assertThat(stream).containsEntry("state", "UNAVAILABLE").containsEntry("lastSuccessfulPoll", null);
            assertThat((String) stream.get("problem")).contains("missing");
        });
    }

    @Test
    void isUnknownWhileTheContainerIsStopped() {
        String table = newTable();
        contextRunner.withPropertyValues("dynamodb.stream.table-name=" + table, "dynamodb.stream.auto-startup=false")
                .run(context -> {
                    Health health = context.getBean(DynamoDbStreamHealthIndicator.class).health();
                    assertThat(health.getStatus()).isEqualTo(Status.UNKNOWN);
                    assertThat(stream(health, table)).containsEntry("state", "STOPPED");
                });
    }

    @Test
    void backsOffWithoutSpringBootHealth() {
        String table = newTable();
        contextRunner.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
                .withPropertyValues("dynamodb.stream.table-name=" + table, "dynamodb.stream.auto-startup=false")
                .run(context -> assertThat(context).hasNotFailed()
                        .doesNotHaveBean(DynamoDbStreamHealthIndicator.class));
    }

    @Test
    void backsOffWhenTheIndicatorIsDisabled() {
        String table = newTable();
        contextRunner.withPropertyValues("dynamodb.stream.table-name=" + table, "dynamodb.stream.auto-startup=false",
                        "management.health.dynamodbstream.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(DynamoDbStreamHealthIndicator.class));
        contextRunner.withPropertyValues("dynamodb.stream.table-name=" + table, "dynamodb.stream.auto-startup=false",
                        "management.health.defaults.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(DynamoDbStreamHealthIndicator.class));
    }

    @Test
    void backsOffWhenTheStarterIsDisabled() {
        contextRunner.withPropertyValues("dynamodb.stream.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(DynamoDbStreamHealthIndicator.class));
    }

    @Test
    void applicationsOwnIndicatorWins() {
        String table = newTable();
        contextRunner.withUserConfiguration(OwnIndicator.class)
                .withPropertyValues("dynamodb.stream.table-name=" + table, "dynamodb.stream.auto-startup=false")
                .run(context -> assertThat(context).doesNotHaveBean(DynamoDbStreamHealthIndicator.class)
                        .getBean("dynamodbStreamHealthIndicator").isInstanceOf(HealthIndicator.class));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> stream(Health health, String name) {
        Map<String, Object> streams = (Map<String, Object>) health.getDetails().get("streams");
        return (Map<String, Object>) streams.get(name);
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnIndicator {

        @Bean
        HealthIndicator dynamodbStreamHealthIndicator() {
            return () -> Health.up().build();
        }
    }
}
