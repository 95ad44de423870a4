/**
 * Where the starter's AWS clients connect: {@link DynamoDbStreamConnectionDetails}, from the
 * {@code dynamodb.stream.*} properties or from a service connection (a Testcontainers {@code LocalStackContainer}
 * annotated {@code @ServiceConnection}).
 */
package io.github.dynamodbstream.spring.connection;
