/** Mapping of stream items to the application's classes: DynamoDB Enhanced Client schemas, Jackson, or plain maps. */
package io.github.dynamodbstream.spring.mapping;
