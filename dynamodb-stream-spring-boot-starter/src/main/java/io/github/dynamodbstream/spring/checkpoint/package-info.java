/** Auto-configuration of the checkpoint store: memory, a DynamoDB table, or a JDBC table. */
package io.github.dynamodbstream.spring.checkpoint;
