/** Storage details of the checkpoint repositories: the DynamoDB item layout and its validation. */
package io.github.dynamodbstream.core.internal.checkpoint;
