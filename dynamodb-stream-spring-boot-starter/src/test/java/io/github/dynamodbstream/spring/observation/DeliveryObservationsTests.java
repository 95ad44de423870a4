package io.github.dynamodbstream.spring.observation;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dynamodbstream.core.record.ChangeRecord;
import io.github.dynamodbstream.core.record.ChangeType;
import io.github.dynamodbstream.spring.ListenerMode;
import io.github.dynamodbstream.spring.StreamDefinition;
import io.github.dynamodbstream.spring.event.EventPublishingStreamListener;
import io.github.dynamodbstream.spring.event.ItemChangeEvent;
import io.github.dynamodbstream.spring.event.ItemChangesEvent;
import io.github.dynamodbstream.spring.listener.UnheardChanges;
import io.github.dynamodbstream.spring.support.TestStreams;
import io.micrometer.observation.tck.TestObservationRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.context.event.EventListener;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The observation of each delivery to the listeners, by the convention {@link DynamoDbStreamObservation} documents. */
class DeliveryObservationsTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
            .withBean(FailingOnRemovals.class);

    static class FailingOnRemovals {

        @EventListener
        void on(ItemChangeEvent<Map<String, Object>> event) {
            if (event.changeType() == ChangeType.REMOVE) {
                throw new IllegalStateException("cannot remove " + event.keys());
            }
        }
    }

    private static ChangeRecord record(ChangeType type, String sequenceNumber) {
        Map<String, AttributeValue> image = Map.of("id", AttributeValue.fromS("1"));
        return ChangeRecord.builder().type(type).streamArn(TestStreams.arn("orders")).shardId("shard-7")
                .sequenceNumber(sequenceNumber).approximateCreationTime(Instant.parse("2026-01-01T00:00:00Z"))
                .keys(image).newImage(type == ChangeType.REMOVE ? Map.of() : image)
                .oldImage(type == ChangeType.INSERT ? Map.of() : image).build();
    }

    private static EventPublishingStreamListener listener(ApplicationContext context, StreamDefinition stream,
            TestObservationRegistry registry) {
        return new EventPublishingStreamListener(stream, context, UnheardChanges.none(stream.name()),
                new DeliveryObservations(registry, null));
    }

    @Test
    void eachChangeDeliveredIsOneObservationWithTheConventionsNameAndKeys() {
        contextRunner.run(context -> {
            TestObservationRegistry registry = TestObservationRegistry.create();
            listener(context, TestStreams.definition("orders", null, ListenerMode.RECORD), registry)
                    .onInsert(record(ChangeType.INSERT, "100"));

            assertThat(registry).hasNumberOfObservationsEqualTo(1)
                    .hasSingleObservationThat()
                    .hasNameEqualTo(DefaultDynamoDbStreamDeliveryConvention.NAME)
                    .hasContextualNameEqualTo("orders deliver")
                    .hasLowCardinalityKeyValue("dynamodb.stream.name", "orders")
                    .hasLowCardinalityKeyValue("dynamodb.stream.table", "orders")
                    .hasLowCardinalityKeyValue("dynamodb.stream.change.type", "INSERT")
                    .hasLowCardinalityKeyValue("dynamodb.stream.outcome", "SUCCESS")
                    .hasHighCardinalityKeyValue("dynamodb.stream.shard", "shard-7")
                    .hasHighCardinalityKeyValue("dynamodb.stream.sequence.number", "100")
                    .hasBeenStarted().hasBeenStopped();
        });
    }

    @Test
    void aFailingListenersObservationCarriesTheErrorAndTheFailureOutcome() {
        contextRunner.run(context -> {
            TestObservationRegistry registry = TestObservationRegistry.create();
            EventPublishingStreamListener listener =
                    listener(context, TestStreams.definition("orders", null, ListenerMode.RECORD), registry);

            assertThatThrownBy(() -> listener.onRemove(record(ChangeType.REMOVE, "101")))
                    .isInstanceOf(IllegalStateException.class);

            assertThat(registry).hasSingleObservationThat()
                    .hasLowCardinalityKeyValue("dynamodb.stream.change.type", "REMOVE")
                    .hasLowCardinalityKeyValue("dynamodb.stream.outcome", "FAILURE")
                    .assertThatError().isInstanceOf(IllegalStateException.class).hasMessageContaining("cannot remove");
        });
    }

    @Test
    void aBatchIsOneObservationOfTypeBatchNamingItsFirstChange() {
        contextRunner.withBean(BatchListener.class).run(context -> {
            TestObservationRegistry registry = TestObservationRegistry.create();
            listener(context, TestStreams.definition("orders", null, ListenerMode.BATCH), registry)
                    .onBatch(List.of(record(ChangeType.INSERT, "200"), record(ChangeType.MODIFY, "201")));

            assertThat(registry).hasSingleObservationThat()
                    .hasLowCardinalityKeyValue("dynamodb.stream.change.type", DynamoDbStreamDeliveryContext.BATCH)
                    .hasHighCardinalityKeyValue("dynamodb.stream.sequence.number", "200");
        });
    }

    static class BatchListener {

        @EventListener
        void on(ItemChangesEvent<Map<String, Object>> event) {
        }
    }
}
