package io.github.dynamodbstream.spring;

/** Where the starter keeps checkpoints: the position of each consumer in each shard. */
public enum CheckpointStore {

    /** In this JVM's memory: lost when it stops, so a restarted application begins again at its starting position. */
    MEMORY,

    /** In a DynamoDB table (dynamodb.stream.checkpoint.table-name), through the core's DynamoDbShardStateRepository. */
    DYNAMODB,

    /** In a table of the application's DataSource, through Spring's JdbcClient. */
    JDBC
}
