/** Application events published for each change of a DynamoDB stream and for shard lifecycle moments. */
package io.github.dynamodbstream.spring.event;
