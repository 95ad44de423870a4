/** DynamoDB Streams calls with retries, metrics and DEBUG logging. */
package io.github.dynamodbstream.core.internal.api;
