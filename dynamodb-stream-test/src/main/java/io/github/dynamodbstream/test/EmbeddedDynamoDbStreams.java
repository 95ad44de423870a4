package io.github.dynamodbstream.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/**
 * Runs a Spring test against an embedded DynamoDB and DynamoDB Streams endpoint (the project's
 * {@link io.github.dynamodbstream.emulator.DynamoDbEmulator}): before the application context starts, the emulator
 * is started on a free port, the {@link #tables() tables} are created (each ACTIVE, with a stream), and the starter's
 * connection properties ({@code dynamodb.stream.endpoint}, {@code region}, {@code credentials.access-key-id},
 * {@code credentials.secret-access-key}) point at it. The emulator is a bean (of type
 * {@link io.github.dynamodbstream.emulator.DynamoDbEmulator}, named {@value EmbeddedEmulator#BEAN_NAME}) for tests
 * that rotate shards, inject faults or move its clock.
 *
 * <pre>{@code
 * @SpringBootTest(properties = "dynamodb.stream.table-name=orders")
 * @EmbeddedDynamoDbStreams(tables = @Table(name = "orders", partitionKey = "id"))
 * class OrdersTests {
 *
 *     @Autowired
 *     DynamoDbClient dynamoDb;
 *
 *     @Autowired
 *     DynamoDbEmulator emulator;
 * }
 * }</pre>
 *
 * One emulator serves each distinct application context: test classes with the same configuration and the same
 * options share the context, and so the emulator, from Spring's context cache; it stops when the context is closed
 * (evicted from the cache, {@code @DirtiesContext}, or at the end of the run). The annotation may also sit on a
 * superclass, an enclosing class of a {@code @Nested} test, or a meta-annotation of your own.
 *
 * <p>Works in Spring's AOT mode for tests: during AOT processing no emulator starts (the context is only inspected
 * there, never started or closed), and when the tests run, the emulator starts and its endpoint is set then, so no
 * port from build time ends up in the generated code.
 *
 * <p>Options that make no sense (no shards, a rotation that is not a duration, a table without a key, two tables of
 * one name) fail the test's context with a message that names the option and the test class.
 *
 * @see EmbeddedEmulator to start the same emulator for an application outside a test
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface EmbeddedDynamoDbStreams {

    /** Open shards of each new stream; from 1 to 10000, default 4. */
    int shardsPerStream() default 4;

    /**
     * How often every open shard is closed and replaced by a child, as DynamoDB does every few hours, on the
     * emulator's clock: a duration such as {@code 500ms}, {@code 30s}, {@code 4h} or {@code PT4H}. Default empty:
     * shards rotate only when a test asks ({@code DynamoDbEmulator.rotateShards}).
     */
    String rotation() default "";

    /** Region named in ARNs and set as {@code dynamodb.stream.region}; default {@code us-east-1}. */
    String region() default "us-east-1";

    /** Port on 127.0.0.1; default 0, a free one. */
    int port() default 0;

    /** Tables to create, each with a stream, before the application context starts. */
    Table[] tables() default {};

    /** A table to create, with on-demand capacity and a stream. */
    @Target({})
    @Retention(RetentionPolicy.RUNTIME)
    @Documented
    @interface Table {

        /** Table name: 3 to 255 letters, digits, {@code _}, {@code -} or {@code .}. */
        String name();

        /** Name of the partition key attribute. */
        String partitionKey();

        /** Type of the partition key: {@code S} (the default), {@code N} or {@code B}. */
        ScalarAttributeType partitionKeyType() default ScalarAttributeType.S;

        /** Name of the sort key attribute; default empty, no sort key. */
        String sortKey() default "";

        /** Type of the sort key: {@code S} (the default), {@code N} or {@code B}. */
        ScalarAttributeType sortKeyType() default ScalarAttributeType.S;

        /** What the stream's records carry; default {@code NEW_AND_OLD_IMAGES}. */
        StreamViewType streamViewType() default StreamViewType.NEW_AND_OLD_IMAGES;
    }
}
