package io.github.dynamodbstream.spring;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of the DynamoDB stream consumers, under {@value #PREFIX}.
 *
 * <p>One stream is configured with the top-level keys:
 * <pre>
 * dynamodb.stream.table-name=orders
 * dynamodb.stream.item-type=com.example.Order
 * </pre>
 * Several streams are configured under {@code dynamodb.stream.streams.<name>}; each takes every key of
 * {@link StreamProperties}, and a key a stream does not set is taken from the top-level key of the same name (the
 * top-level keys are a {@link StreamProperties} too: the defaults of every stream). {@link ConfiguredStream} gives each
 * stream's settings after that fallback; resolved, per-stream values are given by {@link StreamDefinitions}.
 */
@ConfigurationProperties(DynamoDbStreamProperties.PREFIX)
public class DynamoDbStreamProperties extends StreamProperties {

    /** Prefix of every property of the starter. */
    public static final String PREFIX = "dynamodb.stream";

    /**
     * Whether to consume DynamoDB streams at all. When false, the starter creates none of its beans.
     */
    private boolean enabled = true;

    /**
     * Endpoint of DynamoDB and DynamoDB Streams, for a local emulator or LocalStack. When not set, Spring Cloud
     * AWS's endpoint if it is on the class path, else the SDK picks the endpoint of the region.
     */
    private URI endpoint;

    /**
     * AWS region of the clients, for example us-east-1. When not set, Spring Cloud AWS's region if it is on the
     * class path, else the SDK's default region provider chain decides.
     */
    private String region;

    /**
     * Maximum time to wait on shutdown for the batch in flight to be delivered and checkpointed.
     */
    private Duration shutdownTimeout = Duration.ofSeconds(30);

    /**
     * Whether to start polling automatically when the application context is ready.
     */
    private boolean autoStartup = true;

    /**
     * How the application's instances share the streams: NONE (every instance reads every shard) or KCL (each shard
     * is processed by one instance at a time, coordinated by the Kinesis Client Library; needs the
     * io.github.dynamodbstream:dynamodb-stream-kcl dependency).
     */
    private StreamCoordination coordination = StreamCoordination.NONE;

    /**
     * Whether to start even when a listener of the stream's events runs asynchronously (@Async, an event
     * multicaster with an executor, @TransactionalEventListener): the checkpoint then moves before the listener's
     * work is done, so a crash can lose changes.
     */
    private boolean allowAsynchronousListeners;

    private final Credentials credentials = new Credentials();

    private final Checkpoint checkpoint = new Checkpoint();

    private final DeadLetter deadLetter = new DeadLetter();

    private final Observations observations = new Observations();

    /**
     * Streams by name, for applications that read several streams; each key a stream does not set is taken from the
     * top-level key of the same name.
     */
    private Map<String, Stream> streams = new LinkedHashMap<>();

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public URI getEndpoint() {
        return endpoint;
    }

    public void setEndpoint(URI endpoint) {
        this.endpoint = endpoint;
    }

    public String getRegion() {
        return region;
    }

    public void setRegion(String region) {
        this.region = region;
    }

    public Duration getShutdownTimeout() {
        return shutdownTimeout;
    }

    public void setShutdownTimeout(Duration shutdownTimeout) {
        this.shutdownTimeout = shutdownTimeout;
    }

    public boolean isAutoStartup() {
        return autoStartup;
    }

    public void setAutoStartup(boolean autoStartup) {
        this.autoStartup = autoStartup;
    }

    public StreamCoordination getCoordination() {
        return coordination;
    }

    public void setCoordination(StreamCoordination coordination) {
        this.coordination = coordination;
    }

    public boolean isAllowAsynchronousListeners() {
        return allowAsynchronousListeners;
    }

    public void setAllowAsynchronousListeners(boolean allowAsynchronousListeners) {
        this.allowAsynchronousListeners = allowAsynchronousListeners;
    }

    public Credentials getCredentials() {
        return credentials;
    }

    public Checkpoint getCheckpoint() {
        return checkpoint;
    }

    public DeadLetter getDeadLetter() {
        return deadLetter;
    }

    public Observations getObservations() {
        return observations;
    }

    public Map<String, Stream> getStreams() {
        return streams;
    }

    public void setStreams(Map<String, Stream> streams) {
        this.streams = streams;
    }

    /**
     * Static credentials; when not set, Spring Cloud AWS's credentials if it is on the class path, else the SDK's
     * default credentials provider chain.
     */
    public static class Credentials {

        /**
         * Access key id of static credentials. Use only for local emulators and tests: in AWS, prefer the default
         * chain (environment, profile, instance or task role).
         */
        private String accessKeyId;

        /**
         * Secret access key of static credentials, used together with access-key-id.
         */
        private String secretAccessKey;

        public String getAccessKeyId() {
            return accessKeyId;
        }

        public void setAccessKeyId(String accessKeyId) {
            this.accessKeyId = accessKeyId;
        }

        public String getSecretAccessKey() {
            return secretAccessKey;
        }

        public void setSecretAccessKey(String secretAccessKey) {
            this.secretAccessKey = secretAccessKey;
        }

        /** Whether both keys are set. */
        public boolean isConfigured() {
            return accessKeyId != null && !accessKeyId.isBlank() && secretAccessKey != null
                    && !secretAccessKey.isBlank();
        }

        /** Names whether credentials are set, never their values. */
        @Override
        public String toString() {
            return "Credentials[" + (isConfigured() ? "static" : "default chain") + "]";
        }
    }

    /** Micrometer observations of the deliveries to the listeners. */
    public static class Observations {

        /**
         * Whether each delivery to the listeners runs in a Micrometer Observation (dynamodb.stream.listener: a timer
         * with Spring Boot's metrics, a span with tracing), when the application has an ObservationRegistry.
         */
        private boolean enabled = true;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }
    }

    /** A table the starter keeps records in: its name, and whether to create it. */
    public abstract static class Table {

        /**
         * Name of the table.
         */
        private String tableName;

        /**
         * Whether to create the table at start when it does not exist.
         */
        private boolean createTable;

        Table(String tableName) {
            this.tableName = tableName;
        }

        public String getTableName() {
            return tableName;
        }

        public void setTableName(String tableName) {
            this.tableName = tableName;
        }

        public boolean isCreateTable() {
            return createTable;
        }

        public void setCreateTable(boolean createTable) {
            this.createTable = createTable;
        }
    }

    /** Where checkpoints are kept. */
    public static class Checkpoint extends Table {

        /**
         * Where checkpoints are kept: MEMORY (lost on restart), DYNAMODB (a DynamoDB table) or JDBC (a table of the
         * application's DataSource).
         */
        private CheckpointStore store = CheckpointStore.MEMORY;

        public Checkpoint() {
            super("dynamodb-stream-checkpoints");
        }

        public CheckpointStore getStore() {
            return store;
        }

        public void setStore(CheckpointStore store) {
            this.store = store;
        }
    }

    /** Where records given up on are written when on-failure is DEAD_LETTER. */
    public static class DeadLetter extends Table {

        public DeadLetter() {
            super("dynamodb-stream-dead-letters");
        }
    }

    /** One of several streams; every key it does not set is taken from the top-level key of the same name. */
    public static class Stream extends StreamProperties {

        /**
         * Whether to read this stream.
         */
        private boolean enabled = true;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }
    }
}
