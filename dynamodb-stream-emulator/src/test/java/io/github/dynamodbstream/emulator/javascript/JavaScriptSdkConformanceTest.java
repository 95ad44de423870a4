package io.github.dynamodbstream.emulator.javascript;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.dynamodbstream.emulator.DynamoDbEmulator;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/**
 * The emulator as the AWS SDK for JavaScript v3 sees it ({@code src/test/node/conformance.mjs}, run once with
 * Node.js). Each test names the AWS documentation page the behaviour comes from. The emulator's clock moves only when
 * the script asks, so every status the script sees is certain.
 */
@DisplayName("AWS SDK for JavaScript v3 against the emulator")
class JavaScriptSdkConformanceTest {

    private static final Duration STATUS_DELAY = Duration.ofSeconds(30);

    private static JsonNode observed;
    private static TestAbortedException unavailable;

    /**
     * What the script observed; it runs once, for the first test. Where Node.js or npm is not available, every test
     * is skipped and says why.
     */
    private static synchronized JsonNode observed() throws IOException, InterruptedException {
        if (unavailable != null) {
            throw unavailable;
        }
        if (observed == null) {
            try (DynamoDbEmulator emulator = DynamoDbEmulator.builder()
                    .clock(Clock.fixed(Instant.parse("2026-11-24T18:00:00Z"), ZoneOffset.UTC))
                    .statusDelay(STATUS_DELAY)
                    .start()) {
                observed = NodeScript.run(emulator, STATUS_DELAY);
            } catch (TestAbortedException e) {
                unavailable = e;
                throw e;
            }
        }
        return observed;
    }

    @Test
    @DisplayName("DynamoDB Developer Guide, Supported data types (Number): leading and trailing zeros are trimmed")
    void numbersComeBackWithoutTheirExtraZeros() throws Exception {
        assertThat(observed().at("/item/sk").asText()).isEqualTo("1");
        assertThat(observed().at("/item/price").asText()).isEqualTo("1.5");
        assertThat(observed().at("/item/count").asText()).isEqualTo("100");
    }

    @Test
    @DisplayName("DynamoDB Developer Guide, Supported data types (Number): sort key 1.0 and sort key 1 are one item")
    void keysWrittenDifferentlyAreOneItem() throws Exception {
        assertThat(observed().get("itemCount").asInt()).isEqualTo(1);
        assertThat(observed().at("/records/0/keySk").asText()).isEqualTo("1");
    }

    @Test
    @DisplayName("DynamoDB Developer Guide, Change data capture for DynamoDB Streams: a write that changes nothing"
            + " (1.5 put again as 1.50) writes no record")
    void rewritingTheSameNumberWritesNoRecord() throws Exception {
        assertThat(observed().get("records")).hasSize(1);
        assertThat(observed().at("/records/0/eventName").asText()).isEqualTo("INSERT");
    }

    @Test
    @DisplayName("DynamoDB Developer Guide, Supported data types (Number): 39 significant digits are a"
            + " ValidationException")
    void thirtyNineSignificantDigitsAreRejected() throws Exception {
        assertThat(observed().at("/thirtyNineDigits/name").asText()).isEqualTo("ValidationException");
        assertThat(observed().at("/thirtyNineDigits/message").asText()).contains("38 significant digits");
    }

    @Test
    @DisplayName("DynamoDB Developer Guide, Supported data types (Sets): a number set holding 1 and 1.0 is a"
            + " ValidationException")
    void equalNumbersInASetAreDuplicates() throws Exception {
        assertThat(observed().at("/numberSetDuplicate/name").asText()).isEqualTo("ValidationException");
        assertThat(observed().at("/numberSetDuplicate/message").asText()).contains("duplicates");
    }

    @Test
    @DisplayName("DynamoDB Developer Guide, Item sizes and formats: SizeBytes counts a number by its significant"
            + " digits")
    void sizeBytesCountsSignificantDigits() throws Exception {
        int keys = (2 + 1) + (2 + 2);
        int newImage = keys + ("price".length() + 2) + ("count".length() + 2);
        assertThat(observed().at("/records/0/sizeBytes").asInt()).isEqualTo(keys + newImage);
    }

    @Test
    @DisplayName("DynamoDB API Reference, CreateTable and TableDescription: CREATING, then ACTIVE; the items of a"
            + " CREATING table are not found")
    void createdTableIsCreatingThenActive() throws Exception {
        assertThat(observed().get("createTableStatus").asText()).isEqualTo("CREATING");
        assertThat(observed().get("describedWhileCreating").asText()).isEqualTo("CREATING");
        assertThat(observed().at("/putWhileCreating/name").asText()).isEqualTo("ResourceNotFoundException");
        assertThat(observed().get("describedAfterDelay").asText()).isEqualTo("ACTIVE");
    }

    @Test
    @DisplayName("DynamoDB API Reference, UpdateTable and DynamoDB Streams StreamDescription: UPDATING and"
            + " ENABLING, then ACTIVE and ENABLED")
    void enabledStreamIsEnablingThenEnabled() throws Exception {
        assertThat(observed().get("updateTableStatus").asText()).isEqualTo("UPDATING");
        assertThat(observed().get("streamWhileEnabling").asText()).isEqualTo("ENABLING");
        assertThat(observed().get("tableAfterUpdate").asText()).isEqualTo("ACTIVE");
        assertThat(observed().get("streamAfterDelay").asText()).isEqualTo("ENABLED");
    }

    @Test
    @DisplayName("DynamoDB Streams API Reference, ListStreams: a table that does not exist is"
            + " ResourceNotFoundException")
    void listStreamsOfAnUnknownTableIsNotFound() throws Exception {
        assertThat(observed().at("/listStreamsUnknownTable/name").asText()).isEqualTo("ResourceNotFoundException");
    }
}
