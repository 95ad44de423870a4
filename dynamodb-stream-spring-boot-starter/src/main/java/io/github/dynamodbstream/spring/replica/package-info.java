/**
 * Live in-memory replicas of the streams' tables ({@code dynamodb.stream.replica.*}), fed by the streams' own
 * pollers, with the application's readiness held until they are complete.
 */
package io.github.dynamodbstream.spring.replica;
