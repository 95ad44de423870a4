/** Test support: an embedded DynamoDB and DynamoDB Streams endpoint for Spring tests, wired to the starter. */
package io.github.dynamodbstream.test;
