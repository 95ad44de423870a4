package io.github.dynamodbstream.emulator;

import io.github.dynamodbstream.emulator.internal.EmulatorClock;
import io.github.dynamodbstream.emulator.internal.EmulatorEngine;
import io.github.dynamodbstream.emulator.internal.EmulatorSettings;
import io.github.dynamodbstream.emulator.internal.http.EmulatorHttpServer;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * An in-process DynamoDB and DynamoDB Streams endpoint on 127.0.0.1, for tests and local runs. Point any AWS SDK
 * at {@link #endpoint()} with any credentials; signatures are not checked.
 *
 * <p>Beyond what DynamoDB does by itself, a test can rotate and split shards, expire iterators, move the clock,
 * and make calls fail or slow down. Every call served is counted in {@link #calls()}. The emulator is thread-safe.
 * Close it to free its port and threads.
 *
 * <pre>{@code
 * try (DynamoDbEmulator emulator = DynamoDbEmulator.builder().shardsPerStream(2).start()) {
 *     DynamoDbClient dynamoDb = DynamoDbClient.builder().endpointOverride(emulator.endpoint())...build();
 * }
 * }</pre>
 */
public final class DynamoDbEmulator implements AutoCloseable {

    private final EmulatorSettings settings;
    private final EmulatorClock clock;
    private final ApiCalls calls;
    private final EmulatorEngine engine;
    private final EmulatorHttpServer server;

    private DynamoDbEmulator(Builder builder) {
        this.settings = builder.settings();
        this.clock = new EmulatorClock(builder.clock);
        this.calls = new ApiCalls();
        this.engine = new EmulatorEngine(settings, clock, calls::record);
        this.server = EmulatorHttpServer.start(builder.port, engine);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts an emulator with the defaults: a free port, region us-east-1, 4 shards per stream. */
    public static DynamoDbEmulator start() {
        return builder().start();
    }

    /** The endpoint URL to give an SDK client, such as {@code http://127.0.0.1:8000}. */
    public URI endpoint() {
        return server.endpoint();
    }

    /** The region named in ARNs and records. */
    public String region() {
        return settings.region();
    }

    /** The emulator's current time: its clock plus every {@link #advanceClock(Duration)}. */
    public Instant now() {
        return clock.now();
    }

    /** The calls served so far, by operation and outcome. */
    public ApiCalls calls() {
        return calls;
    }

    /** The API operations the emulator serves, by name ({@code "PutItem"}, {@code "GetRecords"}, ...). */
    public Set<String> operations() {
        return engine.operationNames();
    }

    /**
     * Closes every open shard of the table's current stream and opens one child for each, as DynamoDB does every
     * few hours.
     *
     * @throws IllegalArgumentException when the table has no enabled stream
     */
    public void rotateShards(String tableName) {
        engine.control(() -> engine.streams().rotateShards(tableName));
    }

    /**
     * The ids of the open shards of the table's current stream (those {@link #splitShard} takes), read without a
     * call and without meeting an injected fault.
     *
     * @throws IllegalArgumentException when the table has no enabled stream
     */
    public List<String> openShards(String tableName) {
        List<String> open = new ArrayList<>();
        engine.control(() -> open.addAll(engine.streams().openShardIds(tableName)));
        return List.copyOf(open);
    }

    /**
     * Closes one open shard of the table's current stream and opens two children that share its key range.
     *
     * @throws IllegalArgumentException when the table has no enabled stream or the shard is not open
     */
    public void splitShard(String tableName, String shardId) {
        engine.control(() -> engine.streams().splitShard(tableName, shardId));
    }

    /**
     * Moves the emulator's clock forward. Whatever falls due meanwhile (automatic shard rotation, records leaving
     * the retention period, items expiring by Time to Live, iterators expiring) happens before the next call.
     */
    public void advanceClock(Duration duration) {
        clock.advance(duration);
        engine.control(() -> { });
    }

    /** Makes every shard iterator issued so far answer {@code ExpiredIteratorException}. */
    public void expireIterators() {
        engine.control(() -> engine.streams().expireIterators());
    }

    /**
     * Answers the next {@code times} calls of an operation with a fault instead of serving them normally (for
     * {@link Fault#delay(Duration)}: after the delay). Faults injected earlier are answered first.
     *
     * @param operation the API name, such as {@code "GetRecords"} or {@code "PutItem"}
     * @throws IllegalArgumentException when the emulator does not serve that operation
     */
    public void injectFault(String operation, Fault fault, int times) {
        if (!engine.serves(operation)) {
            throw new IllegalArgumentException("The emulator serves no operation named '" + operation
                    + "'; use one of " + engine.operationNames());
        }
        Objects.requireNonNull(fault, "fault");
        if (times < 0) {
            throw new IllegalArgumentException("times must be 0 or more, got " + times);
        }
        engine.faults().add(operation, fault, times);
    }

    /** Forgets every fault injected and not yet answered. */
    public void clearFaults() {
        engine.faults().clear();
    }

    /** Stops serving and frees the port. Data is lost. */
    @Override
    public void close() {
        server.close();
    }

    @Override
    public String toString() {
        return "DynamoDbEmulator[" + endpoint() + ", " + settings.region() + "]";
    }

    /** Options of an emulator; every one has a default. */
    public static final class Builder {

        private int port;
        private String region = "us-east-1";
        private String accountId = "000000000000";
        private int shardsPerStream = 4;
        private Duration iteratorLifetime = Duration.ofMinutes(15);
        private Duration retention = Duration.ofHours(24);
        private Duration rotationInterval;
        private Clock clock = Clock.systemUTC();
        private int maxReadersPerShard;
        private double emptyPageRate;
        private long seed = 1;
        private Duration statusDelay = Duration.ofMillis(100);

        private Builder() {
        }

        /** Port on 127.0.0.1; 0 (the default) picks a free one. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
            }
            this.port = port;
            return this;
        }

        /** Region named in ARNs and records; default {@code us-east-1}. */
        public Builder region(String region) {
            this.region = requireText(region, "region");
            return this;
        }

        /** Account id named in ARNs; default {@code 000000000000}. */
        public Builder accountId(String accountId) {
            this.accountId = requireText(accountId, "accountId");
            return this;
        }

        /** Open shards of a new stream; default 4. */
        public Builder shardsPerStream(int shardsPerStream) {
            if (shardsPerStream < 1 || shardsPerStream > 10_000) {
                throw new IllegalArgumentException(
                        "shardsPerStream must be between 1 and 10000, got " + shardsPerStream);
            }
            this.shardsPerStream = shardsPerStream;
            return this;
        }

        /** How long a shard iterator stays valid; default 15 minutes, as in DynamoDB Streams. */
        public Builder iteratorLifetime(Duration iteratorLifetime) {
            this.iteratorLifetime = requirePositive(iteratorLifetime, "iteratorLifetime");
            return this;
        }

        /** How long stream records are kept; default 24 hours, as in DynamoDB Streams. */
        public Builder retention(Duration retention) {
            this.retention = requirePositive(retention, "retention");
            return this;
        }

        /** Closes every open shard and opens a child this often (on the emulator's clock); default never. */
        public Builder rotationInterval(Duration rotationInterval) {
            this.rotationInterval = rotationInterval == null ? null
                    : requirePositive(rotationInterval, "rotationInterval");
            return this;
        }

        /** The clock the emulator's time starts from; default the system clock in UTC. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Distinct readers allowed on one shard within a second; past it GetRecords answers
         * {@code LimitExceededException}, as DynamoDB Streams does with more than 2. Default 0: no limit.
         */
        public Builder maxReadersPerShard(int maxReadersPerShard) {
            if (maxReadersPerShard < 0) {
                throw new IllegalArgumentException("maxReadersPerShard must be 0 or more, got " + maxReadersPerShard);
            }
            this.maxReadersPerShard = maxReadersPerShard;
            return this;
        }

        /**
         * Share, from 0 to 1, of GetRecords calls answered with an empty page although records lie further on, as
         * the API reference warns can happen; default 0.
         */
        public Builder emptyPageRate(double emptyPageRate) {
            if (!(emptyPageRate >= 0 && emptyPageRate <= 1)) {
                throw new IllegalArgumentException("emptyPageRate must be between 0 and 1, got " + emptyPageRate);
            }
            this.emptyPageRate = emptyPageRate;
            return this;
        }

        /** Seed of the emulator's random choices, for repeatable runs; default 1. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * How long, on the emulator's clock, a table answers {@code CREATING} or {@code UPDATING} and a stream
         * {@code ENABLING} or {@code DISABLING} before it is {@code ACTIVE}, {@code ENABLED} or {@code DISABLED}.
         * While a table is {@code CREATING}, its items answer {@code ResourceNotFoundException}, as in DynamoDB, so a
         * client that does not wait for {@code ACTIVE} is caught. Default 100 milliseconds; zero settles at once.
         */
        public Builder statusDelay(Duration statusDelay) {
            if (statusDelay == null || statusDelay.isNegative()) {
                throw new IllegalArgumentException("statusDelay must be zero or a positive duration, got "
                        + statusDelay);
            }
            this.statusDelay = statusDelay;
            return this;
        }

        /** Starts serving. */
        public DynamoDbEmulator start() {
            return new DynamoDbEmulator(this);
        }

        EmulatorSettings settings() {
            return new EmulatorSettings(region, accountId, shardsPerStream, iteratorLifetime, retention,
                    rotationInterval, maxReadersPerShard, emptyPageRate, seed, statusDelay);
        }

        private static String requireText(String value, String name) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(name + " must not be blank");
            }
            return value;
        }

        private static Duration requirePositive(Duration value, String name) {
            if (value == null || value.isZero() || value.isNegative()) {
                throw new IllegalArgumentException(name + " must be a positive duration, got " + value);
            }
            return value;
        }
    }
}
