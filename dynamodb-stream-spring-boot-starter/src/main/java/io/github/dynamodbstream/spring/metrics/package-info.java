/** Micrometer metrics of the DynamoDB stream consumers, fed by the pollers' observers. Needs Micrometer. */
package io.github.dynamodbstream.spring.metrics;
