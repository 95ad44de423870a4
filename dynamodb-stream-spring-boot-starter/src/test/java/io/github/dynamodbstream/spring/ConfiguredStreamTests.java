package io.github.dynamodbstream.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dynamodbstream.core.failure.ListenerFailureMode;
import io.github.dynamodbstream.core.record.ChangeType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.mock.env.MockEnvironment;

/** The fallback of per-stream keys to the top-level ones, done once, in binding. */
class ConfiguredStreamTests {

    private static List<ConfiguredStream> streams(String... properties) {
        MockEnvironment environment = new MockEnvironment();
        for (String property : properties) {
            int equals = property.indexOf('=');
            environment.setProperty(property.substring(0, equals), property.substring(equals + 1));
        }
        return ConfiguredStream.all(environment);
    }

    @Test
    void aStreamTakesEveryKeyItDoesNotSetFromTheTopLevelAndTheRestFromTheDefaults() {
        List<ConfiguredStream> streams = streams(
                "dynamodb.stream.poll-interval=250ms",
                "dynamodb.stream.retry.max-attempts=5",
                "dynamodb.stream.filter.change-types=insert",
                "dynamodb.stream.replica.enabled=true",
                "dynamodb.stream.streams.orders.table-name=orders",
                "dynamodb.stream.streams.orders.retry.initial-backoff=1s",
                "dynamodb.stream.streams.orders.on-failure=skip");

        assertThat(streams).singleElement().satisfies(stream -> {
            assertThat(stream.name()).isEqualTo("orders");
            assertThat(stream.shorthand()).isFalse();
            assertThat(stream.prefix()).isEqualTo("dynamodb.stream.streams.orders");
            StreamProperties settings = stream.settings();
            assertThat(settings.getPollInterval()).isEqualTo(Duration.ofMillis(250));
            assertThat(settings.getRetry().getMaxAttempts()).isEqualTo(5);
            assertThat(settings.getRetry().getInitialBackoff()).isEqualTo(Duration.ofSeconds(1));
            assertThat(settings.getRetry().getMaxBackoff()).isEqualTo(Duration.ofSeconds(5));
            assertThat(settings.getOnFailure()).isEqualTo(ListenerFailureMode.SKIP);
            assertThat(settings.getFilter().getChangeTypes()).containsExactly(ChangeType.INSERT);
            assertThat(settings.getReplica().isEnabled()).isTrue();
            assertThat(settings.getMaxRecords()).isEqualTo(1000);
            assertThat(stream.property("retry.initial-backoff"))
                    .isEqualTo("dynamodb.stream.streams.orders.retry.initial-backoff");
            assertThat(stream.property("retry.max-attempts")).isEqualTo("dynamodb.stream.retry.max-attempts");
        });
    }

    @Test
    void theShorthandComesFirstAndItsTableIsNoDefaultOfTheOtherStreams() {
        List<ConfiguredStream> streams = streams(
                "dynamodb.stream.table-name=orders",
                "dynamodb.stream.item-type=com.example.Order",
                "dynamodb.stream.streams.audit.stream-arn="
                        + "arn:aws:dynamodb:us-east-1:123456789012:table/audit/stream/2024-01-01T00:00:00.000",
                "dynamodb.stream.streams.audit.enabled=false");

        assertThat(streams).extracting(ConfiguredStream::name).containsExactly("orders", "audit");
        ConfiguredStream shorthand = streams.get(0);
        assertThat(shorthand.shorthand()).isTrue();
        assertThat(shorthand.prefix()).isEqualTo("dynamodb.stream");
        assertThat(shorthand.settings().isEnabled()).isTrue();
        ConfiguredStream audit = streams.get(1);
        assertThat(audit.settings().getTableName()).isNull();
        assertThat(audit.settings().getItemType()).isEqualTo("com.example.Order");
        assertThat(audit.settings().isEnabled()).isFalse();
    }

    @Test
    void aBlankValueCountsAsNotSet() {
        List<ConfiguredStream> streams = streams(
                "dynamodb.stream.item-type=com.example.Order",
                "dynamodb.stream.streams.orders.table-name=orders",
                "dynamodb.stream.streams.orders.item-type=");

        assertThat(streams.get(0).settings().getItemType()).isEqualTo("com.example.Order");
        assertThat(streams.get(0).property("item-type")).isEqualTo("dynamodb.stream.item-type");
    }

    @Test
    void aStreamNameIsReadInEveryFormAUserWritesIt() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("dynamodb.stream.on-failure", "block")
                .withProperty("dynamodb.stream.streams.order-events.table-name", "order-events")
                .withProperty("dynamodb.stream.streams.order-events.on-failure", "skip")
                .withProperty("dynamodb.stream.streams.Audit.table-name", "audit")
                .withProperty("dynamodb.stream.streams.Audit.on-failure", "skip")
                .withProperty("dynamodb.stream.streams[eu.payments].table-name", "payments")
                .withProperty("dynamodb.stream.streams[eu.payments].on-failure", "skip")
                .withProperty("dynamodb.stream.streams[run1-end].table-name", "run1-end")
                .withProperty("dynamodb.stream.streams[run1-end].on-failure", "skip");
        environment.getPropertySources().addLast(new SystemEnvironmentPropertySource("systemEnvironment", Map.<String, Object>of(
                "DYNAMODB_STREAM_STREAMS_INVOICES_TABLENAME", "invoices",
                "DYNAMODB_STREAM_STREAMS_INVOICES_ONFAILURE", "skip")));

        List<ConfiguredStream> streams = ConfiguredStream.all(environment);

        assertThat(streams).extracting(ConfiguredStream::name)
                .containsExactlyInAnyOrder("order-events", "Audit", "eu.payments", "run1-end", "invoices");
        assertThat(streams).allSatisfy(stream -> {
            assertThat(stream.settings().getTableName()).as(stream.name()).isNotNull();
            assertThat(stream.settings().getOnFailure()).as(stream.name()).isEqualTo(ListenerFailureMode.SKIP);
            assertThat(stream.property("on-failure")).isEqualTo(stream.prefix() + ".on-failure");
        });
    }

    @Test
    void noStreamIsConfiguredWithoutTableNameArnOrStreams() {
        assertThat(streams("dynamodb.stream.poll-interval=1s")).isEmpty();
    }
}
