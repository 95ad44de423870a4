package io.github.dynamodbstream.emulator;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClientBuilder;

/**
 * A JUnit 5 extension that starts one {@link DynamoDbEmulator} for a test class and hands out AWS SDK clients
 * pointed at it. Register it on a static field to share one emulator across the class:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final DynamoDbEmulatorExtension EMULATOR = DynamoDbEmulatorExtension.create();
 *
 * @Test
 * void readsTheStream() {
 *     DynamoDbClient dynamoDb = EMULATOR.dynamoDbClient();
 *     DynamoDbStreamsClient streams = EMULATOR.streamsClient();
 * }
 * }</pre>
 *
 * Test methods and constructors may also declare parameters of type {@link DynamoDbEmulator},
 * {@link DynamoDbClient} and {@link DynamoDbStreamsClient}. The emulator and the clients are closed when the test
 * class (or, on an instance field, the test method) is done. Needs the AWS SDK's {@code dynamodb} module.
 */
public final class DynamoDbEmulatorExtension implements BeforeAllCallback, BeforeEachCallback, ParameterResolver {

    private final DynamoDbEmulator.Builder builder;
    private DynamoDbEmulator emulator;
    private DynamoDbClient dynamoDbClient;
    private DynamoDbStreamsClient streamsClient;
    private final List<AutoCloseable> clients = new ArrayList<>();

    /** For {@code @ExtendWith(DynamoDbEmulatorExtension.class)}: an emulator with the default options. */
    public DynamoDbEmulatorExtension() {
        this(DynamoDbEmulator.builder());
    }

    private DynamoDbEmulatorExtension(DynamoDbEmulator.Builder builder) {
        this.builder = builder;
    }

    /** An emulator with the default options. */
    public static DynamoDbEmulatorExtension create() {
        return new DynamoDbEmulatorExtension();
    }

    /** An emulator with the builder's options; the builder's {@code start()} is called by the extension. */
    public static DynamoDbEmulatorExtension of(DynamoDbEmulator.Builder builder) {
        return new DynamoDbEmulatorExtension(builder);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        startIn(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        startIn(context);
    }

    private synchronized void startIn(ExtensionContext context) {
        if (emulator != null) {
            return;
        }
        emulator = builder.start();
        context.getStore(ExtensionContext.Namespace.create(DynamoDbEmulatorExtension.class, this))
                .put("emulator", (AutoCloseable) this::stop);
    }

    private synchronized void stop() throws Exception {
        for (AutoCloseable client : clients) {
            client.close();
        }
        clients.clear();
        dynamoDbClient = null;
        streamsClient = null;
        emulator.close();
        emulator = null;
    }

    /** The running emulator. */
    public synchronized DynamoDbEmulator emulator() {
        if (emulator == null) {
            throw new IllegalStateException("The emulator is not running: register the extension with "
                    + "@RegisterExtension or @ExtendWith and use it from a test, not from a static initializer");
        }
        return emulator;
    }

    /** A {@link DynamoDbClient} for the emulator, shared by the test class; the extension closes it. */
    public synchronized DynamoDbClient dynamoDbClient() {
        if (dynamoDbClient == null) {
            dynamoDbClient = dynamoDbClientBuilder().build();
            clients.add(dynamoDbClient);
        }
        return dynamoDbClient;
    }

    /** A {@link DynamoDbStreamsClient} for the emulator, shared by the test class; the extension closes it. */
    public synchronized DynamoDbStreamsClient streamsClient() {
        if (streamsClient == null) {
            streamsClient = streamsClientBuilder().build();
            clients.add(streamsClient);
        }
        return streamsClient;
    }

    /**
     * Waits until the table is ACTIVE, through {@link #dynamoDbClient()}; see {@link #awaitActive(DynamoDbClient,
     * String)}.
     */
    public void awaitActive(String tableName) {
        awaitActive(dynamoDbClient(), tableName);
    }

    /** Waits until a table is ACTIVE; see {@link EmulatorClients#awaitActive(DynamoDbClient, String)}. */
    public static void awaitActive(DynamoDbClient client, String tableName) {
        EmulatorClients.awaitActive(client, tableName);
    }

    /** A builder with endpoint, region and credentials set, to add options of your own; you close what you build. */
    public DynamoDbClientBuilder dynamoDbClientBuilder() {
        return EmulatorClients.dynamoDbClientBuilder(emulator());
    }

    /** A builder with endpoint, region and credentials set, to add options of your own; you close what you build. */
    public DynamoDbStreamsClientBuilder streamsClientBuilder() {
        return EmulatorClients.streamsClientBuilder(emulator());
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        return type == DynamoDbEmulator.class || type == DynamoDbClient.class || type == DynamoDbStreamsClient.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        startIn(extensionContext);
        Class<?> type = parameterContext.getParameter().getType();
        if (type == DynamoDbEmulator.class) {
            return emulator();
        }
        return type == DynamoDbClient.class ? dynamoDbClient() : streamsClient();
    }
}
