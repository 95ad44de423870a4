/** Auto-configuration of the dead-letter store that keeps the records given up on under on-failure: dead-letter. */
package io.github.dynamodbstream.spring.deadletter;
