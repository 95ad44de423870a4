package io.github.dynamodbstream.kcl.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.dynamodbv2.streamsadapter.AmazonDynamoDBStreamsAdapterClient;
import com.amazonaws.services.dynamodbv2.streamsadapter.DynamoDBStreamsSleepTimeController;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.kinesis.retrieval.polling.SynchronousBlockingRetrievalFactory;

class PacedPollingConfigTests {

    @Test
    void readersArePacedByTheModuleEvenAfterTheAdapterSetItsOwnSleepControllerAndStopPromptly() {
        try (DynamoDbStreamsClient streams = DynamoDbStreamsClient.builder().region(Region.EU_WEST_1)
                .endpointOverride(URI.create("http://127.0.0.1:1"))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("key", "secret")))
                .build()) {
            PacedPollingConfig polling = new PacedPollingConfig(
                    new AmazonDynamoDBStreamsAdapterClient(streams, Region.EU_WEST_1), Duration.ofMillis(300), 500);

            polling.sleepTimeController(new DynamoDBStreamsSleepTimeController());

            SynchronousBlockingRetrievalFactory retrieval = (SynchronousBlockingRetrievalFactory) polling
                    .retrievalFactory();
            assertThat(retrieval.getSleepTimeController()).isInstanceOf(ShardReadPacing.class);
            assertThat(retrieval.getMaxRecords()).isEqualTo(500);
            assertThat(polling.idleTimeBetweenReadsInMillis()).isEqualTo(300);
            assertThat(polling.recordsFetcherFactory()).isInstanceOf(PromptlyStoppedRecordsFetcherFactory.class);
        }
    }
}
