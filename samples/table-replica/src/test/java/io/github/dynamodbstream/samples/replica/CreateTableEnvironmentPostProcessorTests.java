package io.github.dynamodbstream.samples.replica;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dynamodbstream.emulator.DynamoDbEmulatorExtension;
import io.github.dynamodbstream.emulator.EmulatorClients;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogs;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/** {@code sample.create-table=true} creates the table where the connection properties point (here an emulator). */
class CreateTableEnvironmentPostProcessorTests {

    @RegisterExtension
    static final DynamoDbEmulatorExtension EMULATOR = DynamoDbEmulatorExtension.create();

    private final CreateTableEnvironmentPostProcessor postProcessor =
            new CreateTableEnvironmentPostProcessor(new DeferredLogs());

    @Test
    void createsTheTableWithItsStreamWhereTheConnectionPropertiesPoint() {
        postProcessor.postProcessEnvironment(environment("created-orders", true), new SpringApplication());

        TableDescription table = EMULATOR.dynamoDbClient().describeTable(request -> request
                .tableName("created-orders")).table();
        assertThat(table.tableStatusAsString()).isEqualTo("ACTIVE");
        assertThat(table.streamSpecification().streamViewType()).isEqualTo(StreamViewType.NEW_AND_OLD_IMAGES);
    }

    @Test
    void leavesAnExistingTableAsItIs() {
        postProcessor.postProcessEnvironment(environment("kept-orders", true), new SpringApplication());
        EMULATOR.dynamoDbClient().putItem(request -> request.tableName("kept-orders")
                .item(OrdersTable.order("order-1", "ada", "NEW", 1_099, 1)));

        postProcessor.postProcessEnvironment(environment("kept-orders", true), new SpringApplication());

        assertThat(EMULATOR.dynamoDbClient().scan(request -> request.tableName("kept-orders")).count()).isEqualTo(1);
    }

    @Test
    void createsNothingUnlessAsked() {
        postProcessor.postProcessEnvironment(environment("not-created", false), new SpringApplication());

        assertThatThrownBy(() -> EMULATOR.dynamoDbClient().describeTable(request -> request.tableName("not-created")))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    private static StandardEnvironment environment(String tableName, boolean createTable) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", Map.of(
                "sample.create-table", Boolean.toString(createTable),
                "dynamodb.stream.table-name", tableName,
                "dynamodb.stream.endpoint", EMULATOR.emulator().endpoint().toString(),
                "dynamodb.stream.region", EMULATOR.emulator().region(),
                "dynamodb.stream.credentials.access-key-id", EmulatorClients.ACCESS_KEY_ID,
                "dynamodb.stream.credentials.secret-access-key", EmulatorClients.SECRET_ACCESS_KEY)));
        return environment;
    }
}
