package io.github.dynamodbstream.spring.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dynamodbstream.emulator.DynamoDbEmulatorExtension;
import io.github.dynamodbstream.spring.DynamoDbStreamAutoConfiguration;
import io.github.dynamodbstream.spring.checkpoint.DynamoDbStreamCheckpointAutoConfiguration;
import io.github.dynamodbstream.spring.support.OnEmulator;
import io.github.dynamodbstream.test.EmulatorTables;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

@ExtendWith(OutputCaptureExtension.class)
class DynamoDbStreamConfigurationFailureAnalyzerTests {

    @RegisterExtension
    static final DynamoDbEmulatorExtension EMULATOR = DynamoDbEmulatorExtension.create();

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DynamoDbStreamAutoConfiguration.class,
                    DynamoDbStreamCheckpointAutoConfiguration.class));

    /** A class Jackson cannot create: an interface without any concrete type. */
    interface NotMappable {
        String id();
    }

    private ApplicationContextRunner onEmulator(String... properties) {
        return contextRunner.withPropertyValues(OnEmulator.properties(EMULATOR.emulator(), properties));
    }

    private static void failsWith(ApplicationContextRunner runner, Consumer<FailureAnalysis> analysis) {
        runner.run(context -> {
            assertThat(context).hasFailed();
            FailureAnalysis result = new DynamoDbStreamConfigurationFailureAnalyzer()
                    .analyze(context.getStartupFailure());
            assertThat(result).as("analysis of %s", context.getStartupFailure()).isNotNull();
            analysis.accept(result);
        });
    }

    private static String newTable() {
        return OnEmulator.uniqueName("orders");
    }

    @Test
    void neitherArnNorTableIsReported() {
        failsWith(onEmulator(), analysis -> {
            assertThat(analysis.getDescription()).contains("No DynamoDB stream is configured")
                    .contains("dynamodb.stream.table-name").contains("dynamodb.stream.stream-arn");
            assertThat(analysis.getAction()).contains("Set dynamodb.stream.table-name")
                    .contains("dynamodb.stream.enabled=false");
        });
    }

    @Test
    void streamWithoutArnOrTableIsReported() {
        failsWith(onEmulator("dynamodb.stream.streams.audit.item-type=java.util.HashMap"), analysis -> {
            assertThat(analysis.getDescription()).contains("'audit'")
                    .contains("dynamodb.stream.streams.audit.stream-arn");
            assertThat(analysis.getAction()).contains("dynamodb.stream.streams.audit.table-name");
        });
    }

    @Test
    void malformedArnIsReported() {
        failsWith(onEmulator("dynamodb.stream.stream-arn=arn:aws:dynamodb:us-east-1:123456789012:table/orders"),
                analysis -> {
                    assertThat(analysis.getDescription()).startsWith("dynamodb.stream.stream-arn:")
                            .contains("Malformed DynamoDB stream ARN").contains("it is a table ARN");
                    assertThat(analysis.getAction()).contains("LatestStreamArn")
                            .contains("aws dynamodb describe-table");
                });
    }

    @Test
    void arnOfAnotherRegionIsReported() {
        failsWith(onEmulator("dynamodb.stream.stream-arn=arn:aws:dynamodb:ap-south-1:123456789012:table/orders"
                + "/stream/2024-05-01T12:00:00.000"), analysis -> {
                    assertThat(analysis.getDescription()).contains("region ap-south-1")
                            .contains("calls region " + EMULATOR.emulator().region());
                    assertThat(analysis.getAction()).contains("dynamodb.stream.region=ap-south-1");
                });
    }

    @Test
    void unknownTableIsReported() {
        failsWith(onEmulator("dynamodb.stream.table-name=no-such-table"), analysis -> {
            assertThat(analysis.getDescription()).contains("'no-such-table'").contains("does not exist")
                    .contains("in region " + EMULATOR.emulator().region());
            assertThat(analysis.getAction()).contains("Check the table name and the region");
        });
    }

    @Test
    void tableWithoutStreamIsReportedWithTheCommandThatEnablesOne() {
        String table = newTable();
        EmulatorTables.createWithoutStream(EMULATOR.dynamoDbClient(), table);
        failsWith(onEmulator("dynamodb.stream.table-name=" + table), analysis -> {
            assertThat(analysis.getDescription()).contains("'" + table + "'").contains("has no stream enabled");
            assertThat(analysis.getAction()).contains("aws dynamodb update-table --table-name " + table
                    + " --stream-specification StreamEnabled=true,StreamViewType=NEW_AND_OLD_IMAGES");
        });
    }

    @Test
    void itemTypeThatDoesNotExistIsReported() {
        String table = newTable();
        EmulatorTables.createWithStream(EMULATOR.dynamoDbClient(), table);
        failsWith(onEmulator("dynamodb.stream.table-name=" + table, "dynamodb.stream.item-type=com.example.Ordr"),
                analysis -> {
                    assertThat(analysis.getDescription()).contains("'com.example.Ordr'")
                            .contains("dynamodb.stream.item-type").contains("was not found");
                    assertThat(analysis.getAction()).contains("fully qualified class name");
                });
    }

    @Test
    void itemTypeThatCannotBeMappedIsReported() {
        String table = newTable();
        EmulatorTables.createWithStream(EMULATOR.dynamoDbClient(), table);
        failsWith(onEmulator("dynamodb.stream.streams.orders.table-name=" + table,
                "dynamodb.stream.streams.orders.item-type=" + NotMappable.class.getName()), analysis -> {
                    assertThat(analysis.getDescription())
                            .contains("dynamodb.stream.streams.orders.item-type")
                            .contains("cannot be mapped to " + NotMappable.class.getName())
                            .contains("Jackson");
                    assertThat(analysis.getAction()).contains("@DynamoDbBean");
                });
    }

    @Test
    void maxRecordsOutOfRangeIsReported() {
        failsWith(onEmulator("dynamodb.stream.stream-arn=arn:aws:dynamodb:us-east-1:123456789012:table/orders"
                + "/stream/x", "dynamodb.stream.max-records=5000"), analysis -> {
                    assertThat(analysis.getDescription()).contains("dynamodb.stream.max-records is 5000");
                    assertThat(analysis.getAction()).contains("from 1 to 1000");
                });
    }

    @Test
    void jdbcStoreWithoutDataSourceIsReported() {
        String table = newTable();
        EmulatorTables.createWithStream(EMULATOR.dynamoDbClient(), table);
        failsWith(onEmulator("dynamodb.stream.table-name=" + table, "dynamodb.stream.checkpoint.store=jdbc"),
                analysis -> {
                    assertThat(analysis.getDescription()).contains("checkpoint.store is jdbc")
                            .contains("no DataSource bean");
                    assertThat(analysis.getAction()).contains("spring.datasource.url")
                            .contains("dynamodb.stream.checkpoint.store=dynamodb");
                });
    }

    @Test
    void missingDynamoDbCheckpointTableIsReported() {
        String table = newTable();
        EmulatorTables.createWithStream(EMULATOR.dynamoDbClient(), table);
        failsWith(onEmulator("dynamodb.stream.table-name=" + table, "dynamodb.stream.checkpoint.store=dynamodb",
                "dynamodb.stream.checkpoint.table-name=missing-" + table), analysis -> {
                    assertThat(analysis.getDescription()).contains("'missing-" + table + "'");
                    assertThat(analysis.getAction()).contains("dynamodb.stream.checkpoint.create-table=true");
                });
    }

    @Test
    void analyzerIsRegisteredForSpringBoot() throws IOException {
        StringBuilder factories = new StringBuilder();
        for (URL url : Collections.list(getClass().getClassLoader().getResources("META-INF/spring.factories"))) {
            try (InputStream in = url.openStream()) {
                factories.append(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        assertThat(factories.toString().replace("\\\n", "").replace(" ", ""))
                .contains("org.springframework.boot.diagnostics.FailureAnalyzer="
                        + DynamoDbStreamConfigurationFailureAnalyzer.class.getName());
    }

    @Test
    void applicationThatFailsToStartPrintsTheAnalysis(CapturedOutput output) {
        SpringApplication application = new SpringApplication(BadApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> application.run(
                "--dynamodb.stream.region=" + EMULATOR.emulator().region(),
                "--dynamodb.stream.stream-arn=not-an-arn"))).isNotNull();
        assertThat(output).contains("APPLICATION FAILED TO START")
                .contains("dynamodb.stream.stream-arn: Malformed DynamoDB stream ARN 'not-an-arn'")
                .contains("LatestStreamArn");
    }

    @Test
    void unknownEnumValueIsReportedWithTheValidValues(CapturedOutput output) {
        SpringApplication application = new SpringApplication(BadApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> application.run(
                "--dynamodb.stream.region=" + EMULATOR.emulator().region(),
                "--dynamodb.stream.stream-arn=arn:aws:dynamodb:us-east-1:123456789012:table/orders/stream/x",
                "--dynamodb.stream.checkpoint.store=mongo"))).isNotNull();
        assertThat(output).contains("APPLICATION FAILED TO START").contains("dynamodb.stream.checkpoint.store")
                .contains("mongo").contains("MEMORY").contains("DYNAMODB").contains("JDBC");
    }

    @Test
    void aMissingRegionIsReportedNamingThePropertyToSet() {
        withoutAwsDefaults(() -> failsWith(contextRunner.withPropertyValues(
                "dynamodb.stream.endpoint=" + EMULATOR.emulator().endpoint(),
                "dynamodb.stream.credentials.access-key-id=emulator",
                "dynamodb.stream.credentials.secret-access-key=emulator",
                "dynamodb.stream.table-name=" + newTable()), analysis -> {
                    assertThat(analysis.getDescription()).contains("has no AWS region")
                            .contains("dynamodb.stream.region is not set");
                    assertThat(analysis.getAction()).contains("Set dynamodb.stream.region").contains("AWS_REGION");
                }));
    }

    @Test
    void missingCredentialsAreReportedSayingWhereTheSdkLooked() {
        String table = newTable();
        EmulatorTables.createWithStream(EMULATOR.dynamoDbClient(), table);
        withoutAwsDefaults(() -> failsWith(contextRunner.withPropertyValues(
                "dynamodb.stream.endpoint=" + EMULATOR.emulator().endpoint(),
                "dynamodb.stream.region=" + EMULATOR.emulator().region(),
                "dynamodb.stream.table-name=" + table), analysis -> {
                    assertThat(analysis.getDescription()).contains("no AWS credentials")
                            .contains("AWS_ACCESS_KEY_ID");
                    assertThat(analysis.getAction()).contains("dynamodb.stream.credentials.access-key-id")
                            .contains("AWS_PROFILE");
                }));
    }

    /**
     * Runs with the SDK's default region and credentials sources empty: no region or credentials in the environment
     * (else the test does not apply), profile files that do not exist, and the instance metadata service off.
     */
    private static void withoutAwsDefaults(Runnable test) {
        for (String variable : new String[] {"AWS_REGION", "AWS_DEFAULT_REGION", "AWS_ACCESS_KEY_ID", "AWS_PROFILE",
            "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
            "AWS_CONTAINER_CREDENTIALS_FULL_URI"}) {
            org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv(variable) == null,
                    variable + " is set in the environment");
        }
        Map<String, String> settings = Map.of("aws.disableEc2Metadata", "true",
                "aws.configFile", "/nonexistent/aws-config", "aws.sharedCredentialsFile", "/nonexistent/aws-credentials");
        Map<String, String> before = new HashMap<>();
        settings.forEach((name, value) -> {
            before.put(name, System.getProperty(name));
            System.setProperty(name, value);
        });
        try {
            test.run();
        } finally {
            before.forEach((name, value) -> {
                if (value == null) {
                    System.clearProperty(name);
                } else {
                    System.setProperty(name, value);
                }
            });
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class BadApplication {
    }
}
