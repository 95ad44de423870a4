/** The layout of a dead letter in the DynamoDB dead-letter table. */
package io.github.dynamodbstream.core.internal.deadletter;
