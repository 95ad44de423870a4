/** What the listener containers share to keep their contract: the per-stream activity tracker and their named threads. */
package io.github.dynamodbstream.spring.container.internal;
