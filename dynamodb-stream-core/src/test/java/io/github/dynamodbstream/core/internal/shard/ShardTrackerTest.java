package io.github.dynamodbstream.core.internal.shard;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dynamodbstream.core.StartingPosition;
import io.github.dynamodbstream.core.checkpoint.ShardCheckpoint;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamStatus;

class ShardTrackerTest {

    private final ShardTracker tracker = new ShardTracker();

    private static StreamListing listing(ShardInfo... shards) {
        return new StreamListing(StreamStatus.ENABLED, List.of(shards));
    }

    private static List<String> readable(ShardTracker tracker) {
        return tracker.readable().stream().map(TrackedShard::shardId).toList();
    }

    @Test
    void childIsReadableOnlyOnceItsParentIsFinished() {
        tracker.start(listing(new ShardInfo("p", null, true), new ShardInfo("c", "p", false)), Map.of(),
                StartingPosition.TRIM_HORIZON);

        assertThat(readable(tracker)).containsExactly("p");
        tracker.get("p").markFinished();
        assertThat(readable(tracker)).containsExactly("c");
    }

    @Test
    void freshLatestConsumerSkipsClosedShardsAndStartsOpenOnesAtLatest() {
        ListingChanges changes = tracker.start(listing(new ShardInfo("p", null, true), new ShardInfo("c", "p", false)),
                Map.of(), StartingPosition.LATEST);

        assertThat(changes.skipped()).extracting(TrackedShard::shardId).containsExactly("p");
        assertThat(readable(tracker)).containsExactly("c");
        assertThat(tracker.get("c").initialPosition()).isEqualTo(ShardIteratorType.LATEST);
    }

    @Test
    void freshLatestStartSkipsAParentListedOpenWithItsChildSoTheChildIsPositionedAtOnce() {
        ListingChanges changes = tracker.start(listing(new ShardInfo("p", null, false), new ShardInfo("c", "p", false),
                new ShardInfo("other", null, false)), Map.of(), StartingPosition.LATEST);

        assertThat(changes.skipped()).extracting(TrackedShard::shardId).containsExactly("p");
        assertThat(changes.startedAtLatest()).extracting(TrackedShard::shardId).containsExactly("c", "other");
        assertThat(readable(tracker)).containsExactly("c", "other");
        assertThat(tracker.get("c").initialPosition()).isEqualTo(ShardIteratorType.LATEST);
    }

    @Test
    void trimHorizonStartReadsAParentListedOpenWithItsChildBeforeTheChild() {
        tracker.start(listing(new ShardInfo("p", null, false), new ShardInfo("c", "p", false)), Map.of(),
                StartingPosition.TRIM_HORIZON);

        assertThat(readable(tracker)).containsExactly("p");
        assertThat(tracker.get("c").initialPosition()).isEqualTo(ShardIteratorType.TRIM_HORIZON);
    }

    @Test
    void consumerWithCheckpointsStartsShardsWithoutOneAtTrimHorizonAndForgetsShardsThatLeft() {
        Map<String, ShardCheckpoint> stored = Map.of(
                "p", new ShardCheckpoint("p", "12", true, Instant.EPOCH),
                "gone", new ShardCheckpoint("gone", "5", true, Instant.EPOCH),
                "unfinished", new ShardCheckpoint("unfinished", "7", false, Instant.EPOCH));

        ListingChanges changes = tracker.start(listing(new ShardInfo("p", null, true), new ShardInfo("c", "p", false)),
                stored, StartingPosition.LATEST);

        assertThat(changes.forgotten()).containsExactly("gone");
        assertThat(changes.vanished()).containsExactly(new ListingChanges.VanishedShard("unfinished", "7"));
        assertThat(readable(tracker)).containsExactly("c");
        assertThat(tracker.get("c").initialPosition()).isEqualTo(ShardIteratorType.TRIM_HORIZON);
    }

    @Test
    void laterListingForgetsFinishedShardsThatLeftAndReportsUnfinishedOnesAsVanished() {
        tracker.start(listing(new ShardInfo("done", null, true), new ShardInfo("unread", null, true),
                new ShardInfo("c", "done", false)), Map.of(), StartingPosition.TRIM_HORIZON);
        tracker.get("done").markFinished();

        ListingChanges changes = tracker.refresh(listing(new ShardInfo("c", "done", false),
                new ShardInfo("new", "c", false)));

        assertThat(changes.forgotten()).containsExactly("done");
        assertThat(changes.vanished()).extracting(ListingChanges.VanishedShard::shardId).containsExactly("unread");
        assertThat(changes.newShards()).containsExactly("new");
        assertThat(tracker.size()).isEqualTo(2);
        assertThat(readable(tracker)).containsExactly("c");
    }

    @Test
    void childFoundByItsParentIsKeptUntilAListingHasShownIt() {
        tracker.start(listing(new ShardInfo("p", null, true)), Map.of(), StartingPosition.TRIM_HORIZON);
        tracker.get("p").markFinished();
        assertThat(tracker.addChildren(List.of(new ShardInfo("c", "p", false)))).containsExactly("c");

        ListingChanges changes = tracker.refresh(listing(new ShardInfo("p", null, true)));

        assertThat(changes.vanished()).isEmpty();
        assertThat(readable(tracker)).containsExactly("c");
        assertThat(tracker.hasChildren("p")).isTrue();
    }
}
