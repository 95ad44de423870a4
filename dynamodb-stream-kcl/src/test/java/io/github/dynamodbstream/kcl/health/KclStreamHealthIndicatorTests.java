package io.github.dynamodbstream.kcl.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

import io.github.dynamodbstream.kcl.KclStreamContainer;
import io.github.dynamodbstream.kcl.KclStreamStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

class KclStreamHealthIndicatorTests {

    private final KclStreamContainer container = mock(KclStreamContainer.class);
    private final KclStreamHealthIndicator indicator = new KclStreamHealthIndicator(container);

    @Test
    void downWhenAStreamsSchedulerEndedUnexpectedly() {
        given(container.isRunning()).willReturn(true);
        given(container.streamStatuses()).willReturn(List.of(status("orders", KclStreamStatus.State.RUNNING),
                status("payments", KclStreamStatus.State.FAILED)));

        Health health = indicator.health();

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails().get("streams")).asInstanceOf(InstanceOfAssertFactories.MAP)
                .containsOnlyKeys("orders", "payments")
                .extractingByKey("payments").asInstanceOf(InstanceOfAssertFactories.MAP)
                .containsEntry("state", "FAILED");
    }

    @Test
    void upWhenEverySchedulerRuns() {
        given(container.isRunning()).willReturn(true);
        given(container.streamStatuses()).willReturn(List.of(status("orders", KclStreamStatus.State.RUNNING)));

        Health health = indicator.health();

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails().get("streams")).asInstanceOf(InstanceOfAssertFactories.MAP)
                .extractingByKey("orders").asInstanceOf(InstanceOfAssertFactories.MAP)
                .containsEntry("leases", List.of("shard-1", "shard-2"))
                .containsEntry("lag", "PT2S").containsEntry("lastDelivery", "2026-01-02T03:04:05Z");
    }

    private static KclStreamStatus status(String name, KclStreamStatus.State state) {
        return new KclStreamStatus(name, name, name + "-app", "worker-1", state, List.of("shard-1", "shard-2"), 4,
                Instant.parse("2026-01-02T03:04:05Z"), Duration.ofSeconds(2));
    }
}
