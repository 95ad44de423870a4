/** The {@code dynamodbStream} health indicator: how the reading of each stream goes. Needs Spring Boot's health. */
package io.github.dynamodbstream.spring.health;
