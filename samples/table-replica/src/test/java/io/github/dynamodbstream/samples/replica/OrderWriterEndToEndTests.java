package io.github.dynamodbstream.samples.replica;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.regex.Pattern;
import io.github.dynamodbstream.test.EmbeddedDynamoDbStreams;
import io.github.dynamodbstream.test.EmbeddedDynamoDbStreams.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** The background writer makes the log show inserts, modifies and removes, by order id and nothing more. */
@SpringBootTest(properties = {"sample.writer.interval=50ms", "spring.main.web-application-type=none"})
@EmbeddedDynamoDbStreams(tables = @Table(name = "orders", partitionKey = "id"))
@ExtendWith(OutputCaptureExtension.class)
class OrderWriterEndToEndTests {

    private static final Pattern CHANGE_LINE = Pattern.compile("Order order-\\d+ (inserted|modified|removed)$");

    @Test
    void theLogShowsInsertsModifiesAndRemovesByOrderIdOnly(CapturedOutput output) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(output.getOut())
                .containsPattern("Order order-\\d+ inserted")
                .containsPattern("Order order-\\d+ modified")
                .containsPattern("Order order-\\d+ removed"));

        assertThat(output.getOut().lines().filter(line -> line.contains("OrderChangeLog")))
                .allSatisfy(line -> assertThat(line).containsPattern(CHANGE_LINE)
                        .doesNotContain("customer", "ada", "grace", "NEW", "PAID", "SHIPPED"));
    }
}
