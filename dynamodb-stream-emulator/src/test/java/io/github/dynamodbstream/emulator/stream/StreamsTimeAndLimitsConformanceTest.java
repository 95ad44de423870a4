package io.github.dynamodbstream.emulator.stream;

import io.github.dynamodbstream.emulator.DynamoDbEmulator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.DescribeStreamResponse;
import software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.LimitExceededException;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TrimmedDataAccessException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Behaviours that depend on time, on shard counts or on the emulator's options, each on an emulator of its own. */
class StreamsTimeAndLimitsConformanceTest {

    @Test
    @DisplayName("an iterator older than 15 minutes answers ExpiredIteratorException (API_streams_GetShardIterator)")
    void iteratorExpiresAfterFifteenMinutes() {
        try (RunningEmulator running = new RunningEmulator(DynamoDbEmulator.builder())) {
            String arn = running.reader.createTable("orders", StreamViewType.KEYS_ONLY);
            String iterator = trimHorizon(running, arn, running.reader.shards(arn).get(0).shardId());

            running.emulator.advanceClock(Duration.ofMinutes(16));

            assertThatThrownBy(() -> running.streams.getRecords(b -> b.shardIterator(iterator)))
                    .isInstanceOf(ExpiredIteratorException.class);
        }
    }

    @Test
    void expireIteratorsInvalidatesIteratorsIssuedBefore() {
        try (RunningEmulator running = new RunningEmulator(DynamoDbEmulator.builder())) {
            String arn = running.reader.createTable("orders", StreamViewType.KEYS_ONLY);
            String shardId = running.reader.shards(arn).get(0).shardId();
            String iterator = trimHorizon(running, arn, shardId);

            running.emulator.expireIterators();

            assertThatThrownBy(() -> running.streams.getRecords(b -> b.shardIterator(iterator)))
                    .isInstanceOf(ExpiredIteratorException.class);
            String fresh = trimHorizon(running, arn, shardId);
            assertThat(running.streams.getRecords(b -> b.shardIterator(fresh)).nextShardIterator()).isNotNull();
        }
    }

    @Test
    @DisplayName("reading records older than 24 hours answers TrimmedDataAccessException (API_streams_GetRecords)")
    void recordsOlderThanRetentionAreTrimmed() {
        try (RunningEmulator running = new RunningEmulator(DynamoDbEmulator.builder()
                .shardsPerStream(1).iteratorLifetime(Duration.ofDays(2)))) {
            String arn = running.reader.createTable("orders", StreamViewType.NEW_IMAGE);
            running.reader.put("orders", "a", "1");
            String shardId = running.reader.shards(arn).get(0).shardId();
            String iterator = trimHorizon(running, arn, shardId);
            String sequenceNumber = running.reader.readShard(arn, shardId).get(0).dynamodb().sequenceNumber();

            running.emulator.advanceClock(Duration.ofHours(25));

            assertThatThrownBy(() -> running.streams.getRecords(b -> b.shardIterator(iterator)))
                    .isInstanceOf(TrimmedDataAccessException.class);
            assertThatThrownBy(() -> running.streams.getShardIterator(b -> b.streamArn(arn).shardId(shardId)
                    .shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER).sequenceNumber(sequenceNumber)))
                    .isInstanceOf(TrimmedDataAccessException.class);
            assertThat(running.reader.readShard(arn, shardId)).isEmpty();
        }
    }

    @Test
    @DisplayName("a third reader of a shard answers LimitExceededException (Streams.html: no more than 2 processes per shard)")
    void thirdReaderOfAShardIsRefused() {
        try (RunningEmulator running = new RunningEmulator(DynamoDbEmulator.builder().maxReadersPerShard(2))) {
            String arn = running.reader.createTable("orders", StreamViewType.KEYS_ONLY);
            String shardId = running.reader.shards(arn).get(0).shardId();
            List<String> iterators = IntStream.range(0, 3).mapToObj(i -> trimHorizon(running, arn, shardId)).toList();

            GetRecordsResponse first = running.streams.getRecords(b -> b.shardIterator(iterators.get(0)));
            running.streams.getRecords(b -> b.shardIterator(iterators.get(1)));

            assertThatThrownBy(() -> running.streams.getRecords(b -> b.shardIterator(iterators.get(2))))
                    .isInstanceOf(LimitExceededException.class);
            assertThat(running.streams.getRecords(b -> b.shardIterator(first.nextShardIterator())).nextShardIterator())
                    .isNotNull();
            assertThat(running.emulator.calls().count("GetRecords", "LimitExceededException")).isEqualTo(1);
        }
    }

    @Test
    @DisplayName("DescribeStream pages more than 250 shards 100 at a time (API_streams_DescribeStream)")
    void describeStreamPagesMoreThan250Shards() {
        try (RunningEmulator running = new RunningEmulator(DynamoDbEmulator.builder().shardsPerStream(260))) {
            String arn = running.reader.createTable("orders", StreamViewType.KEYS_ONLY);

            List<Integer> pageSizes = new ArrayList<>();
            List<String> shardIds = new ArrayList<>();
            String exclusiveStart = null;
            do {
                String start = exclusiveStart;
                DescribeStreamResponse page = running.streams.describeStream(b -> b.streamArn(arn).exclusiveStartShardId(start));
                pageSizes.add(page.streamDescription().shards().size());
                page.streamDescription().shards().forEach(s -> shardIds.add(s.shardId()));
                exclusiveStart = page.streamDescription().lastEvaluatedShardId();
            } while (exclusiveStart != null);

            assertThat(pageSizes).containsExactly(100, 100, 60);
            assertThat(shardIds).doesNotHaveDuplicates().hasSize(260);
        }
    }

    @Test
    @DisplayName("shards rotate on their own and a key's records stay in order along the lineage")
    void automaticRotationKeepsOneKeyInOrderAcrossTheLineage() {
        try (RunningEmulator running = new RunningEmulator(DynamoDbEmulator.builder()
                .shardsPerStream(2).rotationInterval(Duration.ofHours(4)))) {
            String arn = running.reader.createTable("orders", StreamViewType.NEW_IMAGE);
            for (int i = 0; i < 3; i++) {
                running.reader.put("orders", "key", "v" + i);
                running.emulator.advanceClock(Duration.ofHours(4));
            }

            List<Shard> shards = running.reader.shards(arn);
            List<Record> records = running.reader.readStream(arn);

            assertThat(shards).hasSize(8);
            assertThat(shards.stream().filter(s -> s.sequenceNumberRange().endingSequenceNumber() == null)).hasSize(2);
            assertThat(StreamReader.values(records)).containsExactly("v0", "v1", "v2");
        }
    }

    @Test
    @DisplayName("empty pages although records lie further on lose nothing (API_streams_GetRecords)")
    void emptyPagesLoseNothing() {
        try (RunningEmulator running = new RunningEmulator(DynamoDbEmulator.builder()
                .shardsPerStream(1).emptyPageRate(0.5).seed(7))) {
            String arn = running.reader.createTable("orders", StreamViewType.NEW_IMAGE);
            for (int i = 0; i < 20; i++) {
                running.reader.put("orders", "key", "v" + i);
            }
            String iterator = trimHorizon(running, arn, running.reader.shards(arn).get(0).shardId());

            List<Record> records = new ArrayList<>();
            int emptyPages = 0;
            while (records.size() < 20) {
                String current = iterator;
                GetRecordsResponse page = running.streams.getRecords(b -> b.shardIterator(current).limit(4));
                emptyPages += page.records().isEmpty() ? 1 : 0;
                records.addAll(page.records());
                iterator = page.nextShardIterator();
            }

            assertThat(emptyPages).isPositive();
            assertThat(StreamReader.values(records)).containsExactlyElementsOf(
                    IntStream.range(0, 20).mapToObj(i -> "v" + i).toList());
        }
    }

    private static String trimHorizon(RunningEmulator running, String arn, String shardId) {
        return running.streams.getShardIterator(b -> b.streamArn(arn).shardId(shardId)
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
    }
}
