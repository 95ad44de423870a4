package io.github.dynamodbstream.spring.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.dynamodbstream.emulator.DynamoDbEmulatorExtension;
import io.github.dynamodbstream.spring.event.ItemInsertedEvent;
import io.github.dynamodbstream.spring.event.RecordFailedEvent;
import io.github.dynamodbstream.spring.support.OnEmulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An item with a recognisable attribute value goes through delivery and a listener that keeps throwing (or a
 * mapping to the item type that fails), then is given up on with {@code on-failure: skip}: with DEBUG logging on, no
 * INFO, WARN or ERROR log event (its message or its stack trace) holds the value.
 */
@ExtendWith(OutputCaptureExtension.class)
class ItemContentsNeverLoggedTests {

    @RegisterExtension
    static final DynamoDbEmulatorExtension EMULATOR = DynamoDbEmulatorExtension.create();

    private static final Pattern LOG_EVENT_START = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}T\\S+\\s+(TRACE|DEBUG|INFO|WARN|ERROR)\\s");

    /** The item type: a note and an amount. */
    public record Payment(String id, String note, long amount) {
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(Listener.class)
    static class App {
    }

    static class Listener {

        final List<String> notes = new CopyOnWriteArrayList<>();
        final List<RecordFailedEvent> failed = new CopyOnWriteArrayList<>();

        @EventListener
        void on(ItemInsertedEvent<Payment> event) {
            notes.add(event.item().note());
            throw new IllegalStateException("the payment service refused the change");
        }

        @EventListener
        void on(RecordFailedEvent event) {
            failed.add(event);
        }
    }

    @Test
    void attributeValuesAppearInNoInfoWarnOrErrorLogEventEvenWhenTheListenerFailsAndTheRecordIsSkipped(CapturedOutput output) {
        String note = "ITEM-" + UUID.randomUUID();
        Listener listener = deliverAndSkip(Map.of("id", AttributeValue.fromS("refused"),
                "note", AttributeValue.fromS(note), "amount", AttributeValue.fromN("12")));

        assertThat(listener.notes).as("the listener saw the item").contains(note);
        assertNotInInfoOrAbove(output, note);
    }

    @Test
    void attributeValuesAppearInNoInfoWarnOrErrorLogEventWhenTheItemCannotBeMapped(CapturedOutput output) {
        String amount = "AMOUNT-" + UUID.randomUUID();
        Listener listener = deliverAndSkip(Map.of("id", AttributeValue.fromS("unmappable"),
                "note", AttributeValue.fromS("n"), "amount", AttributeValue.fromS(amount)));

        assertThat(listener.notes).as("the item never reached the listener").isEmpty();
        assertThat(output.getAll()).as("the value is logged at DEBUG only").contains(amount);
        assertNotInInfoOrAbove(output, amount);
    }

    /** Runs an application whose listener always throws, writes the item, and waits until it is given up on. */
    private static Listener deliverAndSkip(Map<String, AttributeValue> item) {
        String table = OnEmulator.newTable(EMULATOR, "contents");
        try (ConfigurableApplicationContext context = OnEmulator.start(App.class,
                OnEmulator.pollingFromTrimHorizon(EMULATOR.emulator(),
                        "dynamodb.stream.table-name=" + table,
                        "dynamodb.stream.item-type=" + Payment.class.getName(),
                        "dynamodb.stream.max-records=1",
                        "dynamodb.stream.on-failure=skip",
                        "dynamodb.stream.retry.max-attempts=2",
                        "dynamodb.stream.retry.initial-backoff=1ms",
                        "logging.level.io.github.dynamodbstream=DEBUG",
                        "logging.level.software.amazon.awssdk=DEBUG",
                        "spring.main.banner-mode=off"))) {
            Listener listener = context.getBean(Listener.class);
            EMULATOR.dynamoDbClient().putItem(r -> r.tableName(table).item(item));
            await().atMost(Duration.ofSeconds(20)).until(() -> listener.failed.size() == 1);
            return listener;
        }
    }

    private static void assertNotInInfoOrAbove(CapturedOutput output, String value) {
        List<String> events = logEvents(output.getAll());
        assertThat(events).as("the failures were logged")
                .anyMatch(event -> event.contains(" WARN ") && event.contains("The listener failed on the INSERT record"))
                .anyMatch(event -> event.contains(" ERROR ") && event.contains("Gave up on the INSERT record"));
        List<String> infoAndAbove = events.stream()
                .filter(event -> !event.matches("(?s)^\\S+\\s+(TRACE|DEBUG)\\s.*")).toList();
        assertThat(infoAndAbove).isNotEmpty().noneMatch(event -> event.contains(value));
    }

    /** The output cut into log events: a line with a timestamp and a level, and the lines after it (a stack trace). */
    private static List<String> logEvents(String output) {
        List<String> events = new ArrayList<>();
        StringBuilder current = null;
        for (String line : output.split("\\R")) {
            if (LOG_EVENT_START.matcher(line).find()) {
                if (current != null) {
                    events.add(current.toString());
                }
                current = new StringBuilder(line);
            } else if (current != null) {
                current.append('\n').append(line);
            }
        }
        if (current != null) {
            events.add(current.toString());
        }
        return events;
    }
}
