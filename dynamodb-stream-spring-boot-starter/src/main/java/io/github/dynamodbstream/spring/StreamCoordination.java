package io.github.dynamodbstream.spring;

/** How the instances of an application share the work of a stream ({@code dynamodb.stream.coordination}). */
public enum StreamCoordination {

    /** Broadcast: every instance reads every shard, with its own checkpoints. */
    NONE,

    /**
     * Competing consumers: each shard is processed by one instance at a time, on the Kinesis Client Library with
     * the DynamoDB Streams Kinesis Adapter; needs the {@code dynamodb-stream-kcl} module on the class path.
     */
    KCL
}
