package io.github.dynamodbstream.spring.reliability;

import io.github.dynamodbstream.core.checkpoint.ShardStateRepository;
import io.github.dynamodbstream.core.failure.RetryBackoff;
import io.github.dynamodbstream.spring.poller.DynamoDbStreamPollerCustomizer;
import io.github.dynamodbstream.test.checkpoint.AcknowledgementLedger;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * The consumer application of the campaign: the starter, auto-configured from properties (checkpoint store
 * included), and {@link CampaignConsumer}'s listeners. The campaign registers the {@link Generation}, the
 * {@link Deliveries} and the {@link AcknowledgementLedger} as beans before the context is refreshed.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(CampaignConsumer.class)
class CampaignApplication {

    /**
     * Guards the checkpoint store the starter configured, so that the ledger sees what is acknowledged and a dead
     * generation writes nothing; shortens the poller's backoff on API errors, and sets the calls per shard a round.
     */
    @Bean
    DynamoDbStreamPollerCustomizer campaignCustomizer(ShardStateRepository store, Generation generation,
            AcknowledgementLedger ledger, @Value("${campaign.max-calls-per-shard}") int maxCallsPerShard) {
        return (stream, builder) -> builder
                .shardStateRepository(ledger.recording(store, generation))
                .apiRetryBackoff(RetryBackoff.of(3, Duration.ofMillis(1), Duration.ofMillis(5)))
                .maxCallsPerShardPerRound(maxCallsPerShard);
    }
}
