/**
 * The check, at each start of the streams, that the application's listeners hear the changes the streams publish:
 * that some listener receives each stream's change events, that none of them runs asynchronously, and which change
 * types nobody receives.
 */
package io.github.dynamodbstream.spring.listener;
