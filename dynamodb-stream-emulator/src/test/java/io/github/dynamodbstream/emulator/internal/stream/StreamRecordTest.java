package io.github.dynamodbstream.emulator.internal.stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StreamRecordTest {

    private final StreamStoreFixture fixture = new StreamStoreFixture(1);

    @Test
    @DisplayName("a record carries every field DynamoDB writes (API_streams_Record, API_streams_StreamRecord)")
    void recordCarriesEveryField() {
        String arn = fixture.enable("orders", "NEW_AND_OLD_IMAGES");
        fixture.clock.advance(Duration.ofSeconds(10));

        fixture.modify(arn, "a", "old", "new");

        JsonNode record = fixture.readStream(arn).get(0);
        assertThat(record.get("eventID").asText()).matches("[0-9a-f]{32}");
        assertThat(record.get("eventName").asText()).isEqualTo("MODIFY");
        assertThat(record.get("eventVersion").asText()).isEqualTo("1.1");
        assertThat(record.get("eventSource").asText()).isEqualTo("aws:dynamodb");
        assertThat(record.get("awsRegion").asText()).isEqualTo("eu-west-1");
        JsonNode dynamodb = record.get("dynamodb");
        assertThat(dynamodb.get("ApproximateCreationDateTime").isNumber()).isTrue();
        assertThat(dynamodb.get("ApproximateCreationDateTime").asLong())
                .isEqualTo(StreamStoreFixture.START.plusSeconds(10).getEpochSecond());
        assertThat(dynamodb.at("/Keys/id/S").asText()).isEqualTo("a");
        assertThat(dynamodb.at("/OldImage/value/S").asText()).isEqualTo("old");
        assertThat(dynamodb.at("/NewImage/value/S").asText()).isEqualTo("new");
        assertThat(dynamodb.get("SequenceNumber").asText()).matches("\\d{21,}");
        assertThat(dynamodb.get("SizeBytes").asInt()).isEqualTo(3 + 11 + 11);
        assertThat(dynamodb.get("StreamViewType").asText()).isEqualTo("NEW_AND_OLD_IMAGES");
        assertThat(record.has("userIdentity")).isFalse();
    }

    @ParameterizedTest(name = "{0} keeps old image: {1}, new image: {2}")
    @DisplayName("the view type decides which images a record keeps (API_streams_StreamRecord)")
    @CsvSource({"KEYS_ONLY,false,false", "NEW_IMAGE,false,true", "OLD_IMAGE,true,false", "NEW_AND_OLD_IMAGES,true,true"})
    void viewTypeDecidesWhichImagesAreKept(String viewType, boolean oldImage, boolean newImage) {
        String arn = fixture.enable("orders", viewType);

        fixture.modify(arn, "a", "old", "new");

        JsonNode dynamodb = fixture.readStream(arn).get(0).get("dynamodb");
        assertThat(dynamodb.has("OldImage")).isEqualTo(oldImage);
        assertThat(dynamodb.has("NewImage")).isEqualTo(newImage);
        assertThat(dynamodb.at("/Keys/id/S").asText()).isEqualTo("a");
        assertThat(dynamodb.get("StreamViewType").asText()).isEqualTo(viewType);
    }

    @Test
    void insertHasNoOldImageAndRemoveHasNoNewImage() {
        String arn = fixture.enable("orders", "NEW_AND_OLD_IMAGES");

        fixture.insert(arn, "a", "1");
        fixture.remove(arn, "a", "1", false);

        List<JsonNode> records = fixture.readStream(arn);
        assertThat(records.get(0).get("dynamodb").has("OldImage")).isFalse();
        assertThat(records.get(0).get("eventName").asText()).isEqualTo("INSERT");
        assertThat(records.get(1).get("dynamodb").has("NewImage")).isFalse();
        assertThat(records.get(1).get("eventName").asText()).isEqualTo("REMOVE");
    }

    @Test
    @DisplayName("a deletion by Time to Live names the service as user (time-to-live-ttl-streams)")
    void timeToLiveRemovalNamesTheServiceAsUser() {
        String arn = fixture.enable("orders", "KEYS_ONLY");

        fixture.remove(arn, "a", "1", true);

        JsonNode identity = fixture.readStream(arn).get(0).get("userIdentity");
        assertThat(identity.get("Type").asText()).isEqualTo("Service");
        assertThat(identity.get("PrincipalId").asText()).isEqualTo("dynamodb.amazonaws.com");
    }

    @Test
    void sequenceNumbersIncreaseAndEventIdsAreUnique() {
        String arn = fixture.enable("orders", "KEYS_ONLY");
        for (int i = 0; i < 50; i++) {
            fixture.insert(arn, "key" + i, null);
        }

        List<JsonNode> records = fixture.readStream(arn);

        List<String> sequenceNumbers = records.stream().map(r -> r.at("/dynamodb/SequenceNumber").asText()).toList();
        assertThat(sequenceNumbers).hasSize(50).isSorted().doesNotHaveDuplicates();
        assertThat(sequenceNumbers).allMatch(s -> s.length() == sequenceNumbers.get(0).length());
        assertThat(records.stream().map(r -> r.get("eventID").asText())).doesNotHaveDuplicates();
    }

    @Test
    void sizeBytesCountsNamesAndValuesOfKeysAndKeptImages() {
        String arn = fixture.enable("orders", "NEW_IMAGE");

        fixture.insert(arn, "abc", "\u00e9t\u00e9");

        // Keys: "id"(2) + "abc"(3); NewImage: "id"(2) + "abc"(3) + "value"(5) + "été"(5 bytes in UTF-8)
        assertThat(fixture.readStream(arn).get(0).at("/dynamodb/SizeBytes").asInt()).isEqualTo(5 + 5 + 10);
    }
}
