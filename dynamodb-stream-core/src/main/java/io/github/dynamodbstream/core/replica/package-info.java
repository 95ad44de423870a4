/** A live, in-memory copy of a DynamoDB table, kept current by the table's stream. */
package io.github.dynamodbstream.core.replica;
