/** Micrometer metrics of the DynamoDB stream consumers, in both coordination modes. Needs Micrometer. */
package io.github.dynamodbstream.spring.metrics;
