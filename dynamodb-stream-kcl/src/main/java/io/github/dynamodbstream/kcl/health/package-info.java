/** The {@code dynamodbStream} health indicator under Kinesis Client Library coordination. Needs Spring Boot's health. */
package io.github.dynamodbstream.kcl.health;
