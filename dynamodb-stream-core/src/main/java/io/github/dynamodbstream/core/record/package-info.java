/** One change read from a stream ({@link ChangeRecord}) and how its items are read into Java types ({@link ItemMapper}). */
package io.github.dynamodbstream.core.record;
