/**
 * Micrometer observations of the deliveries to the application's listeners: one {@code Observation} per event of
 * changes published (a change in record mode, a page in batch mode), named and tagged by
 * {@link io.github.dynamodbstream.spring.observation.DynamoDbStreamObservation}.
 */
package io.github.dynamodbstream.spring.observation;
