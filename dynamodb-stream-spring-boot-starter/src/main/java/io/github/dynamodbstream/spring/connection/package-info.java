/**
 * Where the starter's AWS clients connect: {@link DynamoDbStreamConnectionDetails}, from the
 * {@code dynamodb.stream.*} properties (over Spring Cloud AWS's settings, when it is on the class path) or from a
 * service connection (a Testcontainers {@code LocalStackContainer} annotated {@code @ServiceConnection}); and how
 * the clients are built, {@link DynamoDbStreamClients}.
 */
package io.github.dynamodbstream.spring.connection;
