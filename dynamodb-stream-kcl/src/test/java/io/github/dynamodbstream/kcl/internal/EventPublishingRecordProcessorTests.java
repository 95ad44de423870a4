package io.github.dynamodbstream.kcl.internal;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import io.github.dynamodbstream.core.PollerObserver;
import io.github.dynamodbstream.core.internal.delivery.DeliveryPolicy;
import io.github.dynamodbstream.spring.StreamDefinition;
import io.github.dynamodbstream.spring.container.internal.StreamActivity;
import io.github.dynamodbstream.spring.event.EventPublishingStreamListener;
import org.junit.jupiter.api.Test;
import software.amazon.kinesis.lifecycle.events.InitializationInput;
import software.amazon.kinesis.lifecycle.events.LeaseLostInput;
import software.amazon.kinesis.retrieval.kpl.ExtendedSequenceNumber;

class EventPublishingRecordProcessorTests {

    private final StreamDefinition stream = mock(StreamDefinition.class);
    private final EventPublishingStreamListener listener = mock(EventPublishingStreamListener.class);
    private final StreamActivity activity = mock(StreamActivity.class);
    private final EventPublishingRecordProcessor processor = new EventPublishingRecordProcessor(stream, listener,
            mock(PollerObserver.class), activity, mock(DeliveryPolicy.class), () -> false,
            mock(ChildLeaseClaim.class));

    @Test
    void aLeaseLostBeforeTheProcessorStartedReleasesNothing() {
        when(stream.name()).thenReturn("orders");

        assertThatCode(() -> processor.leaseLost(LeaseLostInput.builder().build())).doesNotThrowAnyException();

        verifyNoInteractions(activity, listener);
    }

    @Test
    void aLeaseLostAfterTheProcessorStartedReleasesItsShard() {
        when(stream.name()).thenReturn("orders");
        processor.initialize(InitializationInput.builder().shardId("shard-1")
                .extendedSequenceNumber(ExtendedSequenceNumber.TRIM_HORIZON).build());

        processor.leaseLost(LeaseLostInput.builder().build());

        verify(activity).shardTaken("shard-1");
        verify(activity).shardReleased("shard-1");
    }
}
