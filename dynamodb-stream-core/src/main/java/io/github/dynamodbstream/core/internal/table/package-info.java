/** Tables of this library's own in DynamoDB: checking their key schema and creating them. */
package io.github.dynamodbstream.core.internal.table;
