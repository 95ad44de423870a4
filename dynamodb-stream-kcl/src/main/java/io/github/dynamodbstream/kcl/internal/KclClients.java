package io.github.dynamodbstream.kcl.internal;

import com.amazonaws.services.dynamodbv2.streamsadapter.AmazonDynamoDBStreamsAdapterClient;
import io.github.dynamodbstream.kcl.DynamoDbStreamKclProperties;
import io.github.dynamodbstream.spring.container.internal.NamedThreads;
import io.github.dynamodbstream.spring.connection.DynamoDbStreamConnectionDetails;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.kinesis.metrics.MetricsLevel;

/**
 * The clients one application instance gives the Kinesis Client Library: the adapter over the starter's streams
 * client (Kinesis is never called; pages of records built as {@link StreamsAdapterClient} says, read on threads
 * named {@code dynamodb-stream-kcl-read-N}), an asynchronous
 * DynamoDB client for the lease, worker-metrics and coordinator tables (same endpoint, region and credentials as the
 * starter's), and a CloudWatch client that is called only when {@code dynamodb.stream.kcl.cloud-watch-metrics} is
 * not NONE.
 */
public final class KclClients implements AutoCloseable {

    private final AmazonDynamoDBStreamsAdapterClient adapter;
    private final DynamoDbAsyncClient dynamoDb;
    private final CloudWatchAsyncClient cloudWatch;
    private final Region region;
    private final String workerId;
    private final ExecutorService reads;

    private KclClients(AmazonDynamoDBStreamsAdapterClient adapter, DynamoDbAsyncClient dynamoDb,
            CloudWatchAsyncClient cloudWatch, Region region, String workerId, ExecutorService reads) {
        this.adapter = adapter;
        this.dynamoDb = dynamoDb;
        this.cloudWatch = cloudWatch;
        this.region = region;
        this.workerId = workerId;
        this.reads = reads;
    }

    public static KclClients create(DynamoDbStreamsClient streamsClient, DynamoDbStreamConnectionDetails connection,
            DynamoDbStreamKclProperties kclProperties) {
        Region region = streamsClient.serviceClientConfiguration().region();
        DynamoDbAsyncClient dynamoDb = configure(DynamoDbAsyncClient.builder(), region, connection, true).build();
        boolean metricsOn = kclProperties.getCloudWatchMetrics() != MetricsLevel.NONE;
        // With metrics off the CloudWatch client is never called; pointing it at the configured endpoint still
        // keeps a stray call away from AWS.
        CloudWatchAsyncClient cloudWatch =
                configure(CloudWatchAsyncClient.builder(), region, connection, !metricsOn).build();
        String workerId = kclProperties.getWorkerId() != null && !kclProperties.getWorkerId().isBlank()
                ? kclProperties.getWorkerId() : defaultWorkerId();
        ExecutorService reads =
                Executors.newCachedThreadPool(NamedThreads.daemonThreads("dynamodb-stream-kcl-read-"));
        return new KclClients(new StreamsAdapterClient(streamsClient, region, reads), dynamoDb, cloudWatch,
                region, workerId, reads);
    }

    /**
     * The starter's connection on a client builder, in the region the streams client resolved; without the endpoint
     * when {@code useEndpoint} is false.
     */
    private static <B extends AwsClientBuilder<B, ?>> B configure(B builder, Region region,
            DynamoDbStreamConnectionDetails connection, boolean useEndpoint) {
        if (useEndpoint) {
            connection.applyTo(builder);
        } else if (connection.getCredentialsProvider() != null) {
            builder.credentialsProvider(connection.getCredentialsProvider());
        }
        return builder.region(region);
    }

    private static String defaultWorkerId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        return host + ":" + UUID.randomUUID();
    }

    public AmazonDynamoDBStreamsAdapterClient adapter() {
        return adapter;
    }

    public DynamoDbAsyncClient dynamoDb() {
        return dynamoDb;
    }

    public CloudWatchAsyncClient cloudWatch() {
        return cloudWatch;
    }

    public Region region() {
        return region;
    }

    public String workerId() {
        return workerId;
    }

    /**
     * Closes the clients created here and lets the reads in flight end; the starter's streams client under the
     * adapter stays open.
     */
    @Override
    public void close() {
        reads.shutdown();
        dynamoDb.close();
        cloudWatch.close();
    }
}
